import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { installPdfSeam, PiiScanner } from '../packages/server/test/support/pii-scan.ts';

// The personal-data scan of the e2e server (issue 7): loaded with `node --import` into the
// server the Playwright journeys run against (playwright.config.ts), never in production. It sees
// what the browser receives (every /api/ answer, at the http level, so nothing the app does can
// bypass it), everything the server writes to stdout/stderr (pino falls back to process.stdout
// when its write is wrapped, console output goes there anyway) and the text of every PDF. The
// counts and findings go to GZ_PII_REPORT; e2e/pii-teardown.ts fails the run on a finding.

const report = process.env.GZ_PII_REPORT;
if (report) {
  const scanner = new PiiScanner();
  let dirty = false;
  let created = false;
  const save = () => {
    dirty = false;
    // the teardown reads and removes the report: the server's last lines must not bring it back
    if (created && !fs.existsSync(report)) return;
    created = true;
    fs.mkdirSync(path.dirname(report), { recursive: true });
    fs.writeFileSync(report, JSON.stringify({ counts: scanner.counts, findings: scanner.findings }));
  };
  const changed = (before: number) => { if (scanner.findings.length !== before) save(); else dirty = true; };
  setInterval(() => { if (dirty) save(); }, 500).unref();
  process.on('exit', () => { scanner.flushLog(); save(); });

  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    const where = stream === process.stdout ? 'stdout' : 'stderr';
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const n = scanner.findings.length;
      scanner.scanLogChunk(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'), where);
      changed(n);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }

  void installPdfSeam((text) => { const n = scanner.findings.length; scanner.scanPdfText(text); changed(n); });

  // every answer of the API, collected as it is written and scanned when it ends
  const BODY = Symbol('pii body');
  const TYPE = Symbol('pii type');
  type Res = http.ServerResponse & { [BODY]?: Buffer[]; [TYPE]?: string };
  const proto = http.ServerResponse.prototype as Res;
  const origWrite = proto.write;
  const origEnd = proto.end;
  const origWriteHead = proto.writeHead;
  // Fastify passes its headers to writeHead, not setHeader: the content type is taken from there
  proto.writeHead = function (this: Res, ...args: unknown[]) {
    const headers = args.find((a) => a && typeof a === 'object') as Record<string, unknown> | unknown[] | undefined;
    if (headers && !Array.isArray(headers)) {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
      if (key) this[TYPE] = String(headers[key]);
    }
    return (origWriteHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof proto.writeHead;
  const collect = (res: Res, chunk: unknown, encoding: unknown) => {
    if (chunk == null || typeof chunk === 'function' || !res.req?.url?.startsWith('/api/')) return;
    (res[BODY] ??= []).push(typeof chunk === 'string' ? Buffer.from(chunk, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding) : Buffer.from(chunk as Uint8Array));
  };
  proto.write = function (this: Res, chunk: unknown, ...rest: unknown[]) {
    collect(this, chunk, rest[0]);
    return (origWrite as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof proto.write;
  proto.end = function (this: Res, chunk?: unknown, ...rest: unknown[]) {
    collect(this, chunk, rest[0]);
    const body = this[BODY];
    if (body && this.req) {
      this[BODY] = undefined;
      const type = String(this.getHeader('content-type') ?? this[TYPE] ?? '');
      const buf = Buffer.concat(body);
      const payload = /json|text/.test(type) ? buf.toString('utf8') : buf;
      const n = scanner.findings.length;
      void scanner.scanResponse({ method: this.req.method ?? 'GET', url: this.req.url ?? '', contentType: type, payload })
        .then(() => changed(n), (e) => { process.stderr.write(`pii scan failed: ${String(e)}\n`); });
    }
    return (origEnd as (...a: unknown[]) => unknown).call(this, chunk, ...rest);
  } as typeof proto.end;
}
