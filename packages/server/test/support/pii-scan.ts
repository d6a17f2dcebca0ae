import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isValidIdNumber } from '@gongzhi/domain';

// The personal-data scan (issue 7): every API response, export file and log line the platform
// produces during a test run is searched for full ID numbers and mobile numbers. One scanner,
// used by createTestApp (vitest) and by the e2e server (e2e/pii-preload.ts).
//
// What counts as a finding (rules chosen to be exact rather than noisy):
// - 18-character mainland ID number: 17 digits + digit/X with a real birth date and a valid
//   ISO 7064 check character (the domain's validator), not inside a longer run of letters or
//   digits (hex digests and tokens would otherwise match by chance).
// - 15-digit old ID number (no check digit exists): a real province code (11–82), a real
//   19YYMMDD birth date and not inside a longer letter/digit run. Without a check digit any
//   15-digit run could match, so the province and date tests are what keep it quiet.
// - mobile number: 1[3-9] + 9 digits, not inside a longer digit run; a letter directly before or
//   after also disqualifies it (hex digests such as audit hashes and Merkle roots contain such
//   runs by chance).
// In JSON (responses and pino log lines) only strings and keys are searched: phone numbers and
// ID numbers are text in this platform, while large numbers (amounts in fen, counters) are not
// personal data and would match the mobile pattern by accident. xlsx cells are searched by text.

export type PiiKind = 'id_number' | 'id_number_15' | 'mobile';
export interface PiiHit { kind: PiiKind; masked: string; excerpt: string }

const ID18 = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]);

export function isOldIdNumber(s: string): boolean {
  if (!/^\d{15}$/.test(s) || !PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = 1900 + Number(s.slice(6, 8));
  const m = Number(s.slice(8, 10));
  const d = Number(s.slice(10, 12));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A finding shown in a failure message: never the number itself. */
export function maskHit(kind: PiiKind, s: string): string {
  return kind === 'mobile' ? `${s.slice(0, 3)}****${s.slice(-4)}` : `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/** Every full ID number or mobile number in a piece of text. */
export function findPii(text: string): PiiHit[] {
  if (text.length < 11) return [];
  const hits: PiiHit[] = [];
  const add = (kind: PiiKind, m: RegExpExecArray) => {
    const masked = maskHit(kind, m[0]);
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    // the excerpt masks every other number in it too: a failure message must not leak
    hits.push({ kind, masked, excerpt: `${before}${masked}${after}`.replace(/\d{7,}/g, (d) => maskHit('id_number', d)) });
  };
  for (const m of text.matchAll(ID18)) if (isValidIdNumber(m[0])) add('id_number', m);
  for (const m of text.matchAll(ID15)) if (isOldIdNumber(m[0])) add('id_number_15', m);
  for (const m of text.matchAll(MOBILE)) add('mobile', m);
  return hits;
}

/** Strings and keys of a JSON value (numbers are skipped: see the rules above). */
export function findPiiInJson(value: unknown): PiiHit[] {
  const hits: PiiHit[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      for (const h of findPii(v)) hits.push({ ...h, excerpt: `${key}: ${h.excerpt}` });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${key}[${i}]`));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        for (const h of findPii(k)) hits.push({ ...h, excerpt: `key ${h.excerpt}` });
        walk(x, key ? `${key}.${k}` : k);
      }
    }
  };
  walk(value, '');
  return hits;
}

/** A text that may be JSON (a response body, a pino line). */
export function findPiiInText(text: string): PiiHit[] {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try { return findPiiInJson(JSON.parse(text)); } catch { /* not JSON after all: as text */ }
  }
  return findPii(text);
}

/** Every cell of every sheet of an xlsx file, by its text. */
export async function findPiiInXlsx(file: Buffer): Promise<PiiHit[]> {
  // loaded on first use: most test files (and every domain test) export nothing
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const hits: PiiHit[] = [];
  wb.eachSheet((sheet) => {
    sheet.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        const text = typeof cell.value === 'number' ? '' : cell.text;
        for (const h of findPii(text ?? '')) hits.push({ ...h, excerpt: `${sheet.name}!R${r}C${c}: ${h.excerpt}` });
      });
    });
  });
  return hits;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The audited reveal: the only answers allowed to carry a full ID number (POST, audited). */
export function isAuditedReveal(method: string, routeUrl: string): boolean {
  return method === 'POST' && /^\/api\/v1\/owners\/[^/]+\/reveal-id\/?(\?.*)?$/.test(routeUrl);
}

export interface PiiFinding { source: 'response' | 'export' | 'log' | 'pdf-text'; where: string; kind: PiiKind; masked: string; excerpt: string }
export interface PiiCounts { responses: number; exports: number; logLines: number; pdfTexts: number; skippedStreams: number; exempt: number }

/** The counts and findings of one app (or one e2e server). */
export class PiiScanner {
  readonly counts: PiiCounts = { responses: 0, exports: 0, logLines: 0, pdfTexts: 0, skippedStreams: 0, exempt: 0 };
  readonly findings: PiiFinding[] = [];
  private logTail = '';
  /** request id → "METHOD url", so a log line names its route */
  readonly requests = new Map<string, string>();

  private record(source: PiiFinding['source'], where: string, hits: PiiHit[]): void {
    for (const h of hits) if (this.findings.length < 200) this.findings.push({ source, where, ...h });
  }

  /** One HTTP answer: JSON/text by its text, xlsx by its cells; PDFs are covered by scanPdfText. */
  async scanResponse(opts: { method: string; url: string; routeUrl?: string; contentType?: string; payload: unknown }): Promise<void> {
    const { method, url, payload } = opts;
    const where = `${method} ${url}`;
    if (isAuditedReveal(method, opts.routeUrl ?? url.split('?')[0])) { this.counts.exempt++; return; }
    const type = String(opts.contentType ?? '');
    if (typeof payload === 'string') {
      this.counts.responses++;
      this.record('response', where, findPiiInText(payload));
    } else if (Buffer.isBuffer(payload)) {
      if (type.startsWith(XLSX_MIME) || (isZip(payload) && /spreadsheet|excel|octet/.test(type))) {
        this.counts.exports++;
        this.record('export', where, await findPiiInXlsx(payload));
      } else if (type.startsWith('application/pdf')) {
        this.counts.exports++; // its text is scanned as it is laid out (scanPdfText)
      } else if (/json|text|csv/.test(type)) {
        this.counts.exports++;
        this.record('export', where, findPiiInText(payload.toString('utf8')));
      } else {
        this.counts.skippedStreams++; // an uploaded file served back (images, scans): the user's own bytes
      }
    } else if (payload != null) {
      this.counts.skippedStreams++;
    }
  }

  /** Text a PDF generator lays out (pdfkit compresses and glyph-encodes CJK, so the file itself
   *  cannot be searched reliably). */
  scanPdfText(text: string): void {
    this.counts.pdfTexts++;
    this.record('pdf-text', 'pdf', findPii(text));
  }

  /** Log output, possibly in chunks: scanned by whole lines. */
  scanLogChunk(chunk: string, where = 'log'): void {
    const text = this.logTail + chunk;
    const lines = text.split('\n');
    this.logTail = lines.pop() ?? '';
    if (this.logTail.length > 100_000) { lines.push(this.logTail); this.logTail = ''; }
    for (const line of lines) this.scanLogLine(line, where);
  }

  scanLogLine(line: string, where = 'log'): void {
    if (!line.trim()) return;
    this.counts.logLines++;
    const hits = findPiiInText(line);
    if (hits.length) {
      let at = where;
      try {
        const j = JSON.parse(line) as { reqId?: string; req?: { url?: string }; msg?: string };
        at = `${where} ${(j.reqId && this.requests.get(j.reqId)) ?? j.req?.url ?? j.msg ?? ''}`.trim();
      } catch { /* plain text */ }
      this.record('log', at, hits);
    }
  }

  flushLog(): void { if (this.logTail) { this.scanLogLine(this.logTail); this.logTail = ''; } }

  /** A failure message naming each finding (route or log, kind, masked excerpt); null when clean. */
  problem(): string | null {
    this.flushLog();
    if (!this.findings.length) return null;
    const lines = this.findings.slice(0, 20).map((f) => `  [${f.source}] ${f.where} — ${f.kind} ${f.masked} in «${f.excerpt}»`);
    return `personal data scan: ${this.findings.length} unmasked number(s) outside the audited reveal:\n${lines.join('\n')}`;
  }
}

// -- the per-run summary: each test file adds a line, the global teardown prints the total --------

export function piiRunDir(run: string): string {
  return path.join(os.tmpdir(), 'gz-pii-scan', run);
}

export function recordPiiFile(dir: string, file: string, s: PiiScanner): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, 'files.jsonl'), `${JSON.stringify({ file, ...s.counts, findings: s.findings.length, first: s.findings.slice(0, 3) })}\n`);
}

export function summarisePiiRun(dir: string): Record<string, unknown> | null {
  const f = path.join(dir, 'files.jsonl');
  if (!fs.existsSync(f)) return null;
  const rows = fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, number | string>);
  const sum = (k: string) => rows.reduce((a, r) => a + Number(r[k] ?? 0), 0);
  return {
    piiScan: true, files: new Set(rows.map((r) => r.file)).size, responsesScanned: sum('responses'), exportsScanned: sum('exports'),
    pdfTextsScanned: sum('pdfTexts'), logLinesScanned: sum('logLines'), exemptReveals: sum('exempt'), skippedStreams: sum('skippedStreams'),
    findings: sum('findings'), leakingFiles: rows.filter((r) => Number(r.findings) > 0).map((r) => r.file),
  };
}

// -- the test app's hooks (createTestApp) ----------------------------------------------------------

interface HookableApp {
  addHook(name: 'onRequest', fn: (req: { id: string; method: string; url: string }) => Promise<void>): unknown;
  addHook(name: 'onSend', fn: (req: { method: string; url: string; routeOptions?: { url?: string } },
    reply: { getHeader(n: string): unknown }, payload: unknown) => Promise<unknown>): unknown;
}

const live: PiiScanner[] = [];
const G = globalThis as { __gzPiiConsole?: boolean; __gzPiiPdf?: boolean };

/** Console output and PDF text of this worker go to the newest live scanner. */
function installWorkerSeams(): void {
  const current = () => live[live.length - 1];
  if (!G.__gzPiiConsole) {
    G.__gzPiiConsole = true;
    for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const orig = console[m].bind(console);
      console[m] = (...args: unknown[]) => {
        current()?.scanLogLine(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '), `console.${m}`);
        orig(...args);
      };
    }
  }
  void installPdfSeam((text) => current()?.scanPdfText(text));
}

/** The seam for PDFs: the text every pdfkit document is given, as it is laid out (pdfkit
 *  compresses its streams and writes CJK as glyph ids, so the files themselves are not searched). */
export function installPdfSeam(onText: (text: string) => void): Promise<void> {
  if (G.__gzPiiPdf) return Promise.resolve();
  G.__gzPiiPdf = true;
  return import('pdfkit').then(({ default: PDFDocument }) => {
    const proto = PDFDocument.prototype as unknown as { text: (...a: unknown[]) => unknown };
    const orig = proto.text;
    proto.text = function (this: unknown, ...args: unknown[]) {
      if (typeof args[0] === 'string' || typeof args[0] === 'number') onText(String(args[0]));
      return orig.apply(this, args);
    };
  });
}

function safeJson(v: unknown): string {
  try { return v instanceof Error ? `${v.message} ${JSON.stringify(v)}` : JSON.stringify(v) ?? String(v); } catch { return String(v); }
}

/** A scanner for one test app: its log destination, and an onSend hook on the app. */
export function startPiiScan(): { scanner: PiiScanner; logStream: { write(line: string): void } | undefined; attach(app: HookableApp): void } {
  const scanner = new PiiScanner();
  // GZ_PII_SCAN=0 turns the scan off (to measure what it costs); the suite never sets it
  if (process.env.GZ_PII_SCAN === '0') return { scanner, logStream: undefined, attach: () => undefined };
  live.push(scanner);
  installWorkerSeams();
  return {
    scanner,
    logStream: { write: (line: string) => scanner.scanLogChunk(line) },
    attach: (app) => {
      app.addHook('onRequest', async (req) => {
        scanner.requests.set(req.id, `${req.method} ${req.url}`);
        if (scanner.requests.size > 5000) scanner.requests.delete(scanner.requests.keys().next().value!);
      });
      app.addHook('onSend', async (req, reply, payload) => {
        await scanner.scanResponse({
          method: req.method, url: req.url, routeUrl: req.routeOptions?.url,
          contentType: String(reply.getHeader('content-type') ?? ''), payload,
        });
        return payload;
      });
    },
  };
}

/** A scanner taken out of this file's set and checked on its own (the scanner's own test). */
export function finishPiiScan(scanner: PiiScanner, file: string, opts: { runDir?: string } = {}): void {
  const at = live.indexOf(scanner);
  if (at >= 0) live.splice(at, 1);
  const problem = scanner.problem();
  // without a run directory (the scanner's own test, which leaks on purpose) nothing is recorded
  if (opts.runDir) recordPiiFile(opts.runDir, file, scanner);
  if (problem) throw new Error(`${file}: ${problem}`);
}

/** After a test file (pii-setup.ts): every app it made, as one line of the run's summary; the
 *  file fails if any of them leaked. */
export function finishPiiFile(file: string, runDir: string | undefined): void {
  if (!live.length) return;
  const all = new PiiScanner();
  for (const s of live.splice(0)) {
    s.flushLog();
    for (const k of Object.keys(all.counts) as (keyof PiiCounts)[]) all.counts[k] += s.counts[k];
    all.findings.push(...s.findings);
  }
  finishPiiScan(all, file, { runDir });
}

(globalThis as { __gzPiiFinishFile?: typeof finishPiiFile }).__gzPiiFinishFile = finishPiiFile;
