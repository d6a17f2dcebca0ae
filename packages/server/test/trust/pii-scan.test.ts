// why: the personal-data scan (issue 7) only proves something if it can fail. This file plants full
// ID numbers and mobile numbers in a JSON answer, an xlsx cell, a pino log line and PDF text, and
// checks that each is found (and that a test app which leaked fails at close, naming the route with a
// masked excerpt); masked forms and unrelated digit runs (amounts, hashes, timestamps, longer runs)
// must not be flagged, and the audited reveal route is the only exemption.
import { idNumberCheckChar } from '@gongzhi/domain';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  findPii, findPiiInJson, findPiiInText, findPiiInXlsx, finishPiiScan, isAuditedReveal, isOldIdNumber, PiiScanner, startPiiScan, XLSX_MIME,
} from '../support/pii-scan.ts';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
const ID = withCheck('11010519491231002'); // a valid 18-character number
const PHONE = '13912345678';
const OLD_ID = '110105491231002'; // 15 digits: Beijing, born 1949-12-31

async function xlsxWith(cells: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名册');
  for (const row of cells) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the scanner finds planted numbers', () => {
  it('an 18-character ID number with a valid check digit, a 15-digit old one, a mobile number', () => {
    expect(findPii(`身份证${ID}号`).map((h) => h.kind)).toEqual(['id_number']);
    expect(findPii(`旧证 ${OLD_ID}`).map((h) => h.kind)).toEqual(['id_number_15']);
    expect(findPii(`电话:${PHONE}。`).map((h) => h.kind)).toEqual(['mobile']);
    expect(findPii(`x ${withCheck('44030119900307123')}`).map((h) => h.kind)).toEqual(['id_number']);
  });

  it('in a JSON answer: a nested string, reported with its path and a masked excerpt', () => {
    const hits = findPiiInText(JSON.stringify({ items: [{ name: '张三', contact: { phone: PHONE } }], owner: { idNumber: ID } }));
    expect(hits.map((h) => h.kind).sort()).toEqual(['id_number', 'mobile']);
    const phone = hits.find((h) => h.kind === 'mobile')!;
    expect(phone.masked).toBe('139****5678');
    expect(phone.excerpt).toContain('items[0].contact.phone');
    for (const h of hits) expect(h.excerpt).not.toMatch(/\d{7,}/);
  });

  it('in an xlsx cell', async () => {
    const file = await xlsxWith([['房号', '业主', '手机', '证件号'], ['1-101', '李四', PHONE, `${ID}`]]);
    const hits = await findPiiInXlsx(file);
    expect(hits.map((h) => h.kind).sort()).toEqual(['id_number', 'mobile']);
    expect(hits[0].excerpt).toMatch(/^名册!R2C\d/);
  });

  it('in a pino log line (JSON) and a plain console line', () => {
    const s = new PiiScanner();
    s.scanLogChunk(`{"level":50,"time":1763800000000,"msg":"duplicate key","err":{"detail":"Key (phone)=(${PHONE}) already exists."}}\nplain line `);
    s.scanLogChunk(`[sms → ${PHONE}] 验证码\n`);
    expect(s.counts.logLines).toBe(2);
    expect(s.findings.map((f) => f.source)).toEqual(['log', 'log']);
    expect(s.problem()).toContain('139****5678');
    expect(s.problem()).not.toContain(PHONE);
  });
});

describe('the scanner leaves alone what is not personal data', () => {
  it('masked forms', () => {
    expect(findPii('手机 139****5678，证件 **************1234，旧证 ***********1234')).toEqual([]);
  });

  it('unrelated digit runs: longer runs, timestamps, amounts in JSON numbers, hashes, invalid check digits, impossible dates', () => {
    const badCheck = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
    expect(findPii(`${badCheck} 20261122101010123456 1763800000000 ${PHONE}0 0${PHONE} 12345678901 10086`)).toEqual([]);
    expect(findPii(`a1b2${PHONE}cd ${'f'.repeat(20)}${PHONE}e 11010519491331002`)).toEqual([]); // inside hex, month 13
    expect(findPiiInJson({ amountFen: 15_000_000_000, count: 13_912_345_678 })).toEqual([]);
    expect(isOldIdNumber('990105491231002')).toBe(false); // no province 99
    expect(isOldIdNumber('110105491302002')).toBe(false); // month 13
  });

  it('a clean xlsx (masked phones, areas, money) has no findings', async () => {
    const file = await xlsxWith([['手机', '面积', '金额'], ['139****5678', 89.5, 150000000012], ['**************1234', '1-101', '2026-11-22']]);
    expect(await findPiiInXlsx(file)).toEqual([]);
  });
});

describe('the audited reveal is the only exemption', () => {
  it('POST /owners/:id/reveal-id, not its neighbours', async () => {
    expect(isAuditedReveal('POST', '/api/v1/owners/:id/reveal-id')).toBe(true);
    expect(isAuditedReveal('POST', '/api/v1/owners/12/reveal-id')).toBe(true);
    expect(isAuditedReveal('GET', '/api/v1/owners/:id')).toBe(false);
    expect(isAuditedReveal('POST', '/api/v1/owners/:id/reveal-idx')).toBe(false);
    const s = new PiiScanner();
    await s.scanResponse({ method: 'POST', url: '/api/v1/owners/7/reveal-id', routeUrl: '/api/v1/owners/:id/reveal-id', contentType: 'application/json', payload: JSON.stringify({ idNumber: ID }) });
    await s.scanResponse({ method: 'GET', url: '/api/v1/owners/7', routeUrl: '/api/v1/owners/:id', contentType: 'application/json', payload: JSON.stringify({ idNumber: ID }) });
    expect(s.counts).toMatchObject({ exempt: 1, responses: 1 });
    expect(s.findings.map((f) => f.where)).toEqual(['GET /api/v1/owners/7']);
  });
});

describe('the hooks a test app gets', () => {
  it('an app that leaks in an answer, an xlsx export, a log line and PDF text fails at close with the route and a masked excerpt', async () => {
    const pii = startPiiScan();
    const app = Fastify({ logger: { level: 'info', stream: pii.logStream } });
    pii.attach(app);
    const sheet = await xlsxWith([['手机'], [PHONE]]);
    app.get('/api/v1/leak', async () => ({ phone: PHONE }));
    app.get('/api/v1/clean', async () => ({ phone: '139****5678', total: 13_912_345_678 }));
    app.get('/api/v1/export', async (_req, reply) => reply.type(XLSX_MIME).send(sheet));
    app.get('/api/v1/log', async (req) => { req.log.error({ phone: PHONE }, 'failed'); return { ok: true }; });
    await app.ready();
    for (const url of ['/api/v1/leak', '/api/v1/clean', '/api/v1/export', '/api/v1/log']) expect((await app.inject({ url })).statusCode).toBe(200);
    const { default: PDFDocument } = await import('pdfkit');
    await new Promise((r) => setTimeout(r, 50)); // the PDF seam is installed by a dynamic import
    new PDFDocument().text(`联系人 ${PHONE}`);
    await app.close();
    expect(pii.scanner.counts).toMatchObject({ responses: 3, exports: 1, pdfTexts: 1 });
    expect(pii.scanner.counts.logLines).toBeGreaterThanOrEqual(1);
    expect(pii.scanner.findings.map((f) => `${f.source} ${f.where}`).sort()).toEqual([
      'export GET /api/v1/export', 'log log GET /api/v1/log', 'pdf-text pdf', 'response GET /api/v1/leak',
    ]);
    let message = '';
    try { finishPiiScan(pii.scanner, 'pii-scan.test.ts (planted)'); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('4 unmasked number(s)');
    expect(message).toContain('GET /api/v1/leak');
    expect(message).toContain('139****5678');
    expect(message).not.toContain(PHONE);
  });
});
