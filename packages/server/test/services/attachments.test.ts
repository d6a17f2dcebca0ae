import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createWorld, signIn, type Actor, type World } from './factories.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(2000)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(500)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), crypto.randomBytes(500)]);
const MAX = 64 * 1024;

let t: TestApp;
let w: World;
let chairA: Actor;
let chairB: Actor;
let ownerA: Actor;
let ownerB: Actor;
let streetOfficer: Actor; // region over both estates
let communityB: Actor; // official of the other community only
let auditor: Actor;

beforeAll(async () => {
  t = await createTestApp({ maxUploadBytes: MAX });
  w = await createWorld(t.pool);
  chairA = await signIn(t.pool, { role: 'committee_chair', scopeId: w.estateA });
  chairB = await signIn(t.pool, { role: 'committee_chair', scopeId: w.estateB });
  ownerA = await signIn(t.pool, { role: 'owner', units: [{ unitId: w.unitA1, estateId: w.estateA }] });
  ownerB = await signIn(t.pool, { role: 'owner', units: [{ unitId: w.unitB1, estateId: w.estateB }] });
  streetOfficer = await signIn(t.pool, { role: 'street_officer', scopeId: w.cityId });
  communityB = await signIn(t.pool, { role: 'community_officer', scopeId: w.communityB });
  auditor = await signIn(t.pool, { role: 'auditor', scopeId: w.cityId });
});
afterAll(() => fs.rmSync(t.config.dataDir, { recursive: true, force: true }));


async function upload(a: Actor | null, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const m = multipart(fields, file);
  return t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, ...(a ? { cookie: a.cookie } : {}) } });
}

const download = (a: Actor, id: number) => t.request({ method: 'GET', url: `/api/v1/attachments/${id}`, cookie: a.cookie });
const count = async () => (await t.pool.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n as number;
/** every stored file, temporary ones included */
function storedFiles(): string[] {
  const root = path.join(t.config.dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile());
}

describe('attachments', () => {
  let pngId: number;

  it('committee chair: uploads a PNG and downloads the same bytes, with an audit event', async () => {
    const res = await upload(chairA, { recordType: 'meeting', recordId: '7', estateId: String(w.estateA) }, { name: '会议照片.png', type: 'image/png', data: PNG });
    expect(res.statusCode).toBe(200);
    const a = res.json();
    expect(a).toMatchObject({ recordType: 'meeting', recordId: '7', estateId: w.estateA, filename: '会议照片.png', mime: 'image/png', sizeBytes: PNG.length, uploadedBy: chairA.accountId });
    expect(a.sha256).toBe(crypto.createHash('sha256').update(PNG).digest('hex'));
    pngId = a.id;
    const row = (await t.pool.query('SELECT storage_key FROM attachments WHERE id = $1', [a.id])).rows[0];
    expect(row.storage_key).toMatch(/^\d{4}\/\d{2}\/[A-Za-z0-9_-]+$/);
    expect(storedFiles()).toEqual([row.storage_key]); // no temporary file left behind

    const dl = await download(chairA, a.id);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe(`inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('会议照片.png')}`);
    expect(dl.rawPayload.equals(PNG)).toBe(true);

    const audit = await t.pool.query(`SELECT estate_id, target_id, summary FROM audit_events WHERE action = 'attachment.upload'`);
    expect(audit.rows).toEqual([{ estate_id: w.estateA, target_id: String(a.id), summary: expect.objectContaining({ sha256: a.sha256, sizeBytes: PNG.length }) }]);
  });

  it('owner: uploads a PDF to own estate; the declared type does not matter, the bytes do', async () => {
    const res = await upload(ownerA, { recordType: 'repair_form', recordId: 'c-1', estateId: String(w.estateA) }, { name: '../../etc/报修单', type: 'application/octet-stream', data: PDF });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mime: 'application/pdf', filename: '报修单.pdf' });
    const dl = await download(ownerA, res.json().id);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; /);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
  });

  it('committee chair: an .exe renamed .png is rejected and nothing is stored', async () => {
    const before = await count();
    const files = storedFiles();
    const res = await upload(chairA, { recordType: 'meeting', recordId: '7', estateId: String(w.estateA) }, { name: 'photo.png', type: 'image/png', data: EXE });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FILE_REJECTED');
    expect(res.json().message).toContain('PNG');
    expect(await count()).toBe(before);
    expect(storedFiles()).toEqual(files);
  });

  it('committee chair: a file over the size limit is rejected with 413 and nothing is stored', async () => {
    const before = await count();
    const files = storedFiles();
    const big = Buffer.concat([PNG, crypto.randomBytes(MAX)]);
    const res = await upload(chairA, { recordType: 'meeting', recordId: '7', estateId: String(w.estateA) }, { name: 'big.png', type: 'image/png', data: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('FILE_REJECTED');
    expect(res.json().message).toMatch(/文件过大/);
    expect(await count()).toBe(before);
    expect(storedFiles()).toEqual(files);
  });

  it('committee chair: missing fields or file are a 400 naming the field', async () => {
    const noEstate = await upload(chairA, { recordType: 'meeting', recordId: '7' }, { name: 'a.png', type: 'image/png', data: PNG });
    expect(noEstate.statusCode).toBe(400);
    expect(noEstate.json().details.issues[0].field).toBe('body.estateId');
    const noFile = await upload(chairA, { recordType: 'meeting', recordId: '7', estateId: String(w.estateA) });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().details.issues[0].field).toBe('body.file');
  });

  it("committee chair: cannot upload to another estate (404); signed out: 401", async () => {
    const before = await count();
    const res = await upload(chairA, { recordType: 'meeting', recordId: '7', estateId: String(w.estateB) }, { name: 'a.png', type: 'image/png', data: PNG });
    expect(res.statusCode).toBe(404);
    const anon = await upload(null, { recordType: 'meeting', recordId: '7', estateId: String(w.estateA) }, { name: 'a.png', type: 'image/png', data: PNG });
    expect(anon.statusCode).toBe(401);
    expect(await count()).toBe(before);
  });

  it("owner of another estate: the attachment does not exist (404), nor in the list", async () => {
    const res = await download(ownerB, pngId);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    const list = await t.request({ method: 'GET', url: '/api/v1/attachments?recordType=meeting&recordId=7', cookie: ownerB.cookie });
    expect(list.json().items).toEqual([]);
  });

  it('officials of another estate or community: 404; street officer and auditor over the region: 200', async () => {
    expect((await download(chairB, pngId)).statusCode).toBe(404);
    expect((await download(communityB, pngId)).statusCode).toBe(404);
    expect((await download(streetOfficer, pngId)).statusCode).toBe(200);
    expect((await download(auditor, pngId)).statusCode).toBe(200);
    expect((await download(streetOfficer, 999999)).statusCode).toBe(404);
  });

  it('owner bound in the estate: sees and lists the estate\'s attachments', async () => {
    expect((await download(ownerA, pngId)).statusCode).toBe(200);
    const list = await t.request({ method: 'GET', url: '/api/v1/attachments?recordType=meeting&recordId=7', cookie: ownerA.cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([pngId]);
  });

  it('database failure: the stored file is removed when the row cannot be written', async () => {
    const files = storedFiles();
    const before = await count();
    // a deferred trigger fails the COMMIT itself: after the file was already moved into place
    await t.pool.query(`CREATE FUNCTION gz_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await t.pool.query('CREATE CONSTRAINT TRIGGER gz_fail AFTER INSERT ON attachments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gz_fail()');
    try {
      const res = await upload(chairA, { recordType: 'meeting', recordId: '8', estateId: String(w.estateA) }, { name: 'a.png', type: 'image/png', data: PNG });
      expect(res.statusCode).toBe(500);
    } finally {
      await t.pool.query('DROP TRIGGER gz_fail ON attachments');
    }
    expect(await count()).toBe(before);
    expect(storedFiles()).toEqual(files);
  });
});
