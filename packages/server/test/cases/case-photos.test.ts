import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { multipart, type MultipartFile } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, callIn, caseWorld, commonCase, count, fileCase, unitCase, type CaseWorld, type Signed } from './case-fixture.ts';

// Case photos through the shared upload: the filer's ('case') and the handler's evidence
// ('case_evidence'). Images only by their bytes (JPG, PNG, WebP), at most 5 MB and 9 per case,
// refused with a message naming the file; seen by whoever sees the case.

let t: TestApp;
let w: CaseWorld;

beforeAll(async () => {
  t = await createTestApp();
  w = await caseWorld(t);
});

const jpeg = (name: string, size = 2048): MultipartFile => ({
  name, type: 'image/jpeg', data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(size)]),
});
const webp = (name: string): MultipartFile => ({
  name, type: 'image/webp', data: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 '), crypto.randomBytes(64)]),
});

async function upload(who: Signed, recordType: string, caseId: number, file: MultipartFile, estateId = w.a.estateId) {
  const m = multipart({ recordType, recordId: String(caseId), estateId: String(estateId) }, file);
  return t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
}

describe('filer photos', () => {
  it('owner: adds JPG and WebP photos to their case; they show on the case page and download', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const r1 = await upload(w.owner3, 'case', id, jpeg('漏水.jpg'));
    expect(r1.statusCode).toBe(200);
    const r2 = await upload(w.owner3, 'case', id, webp('天花板.webp'));
    expect(r2.statusCode).toBe(200);
    expect(r2.json().mime).toBe('image/webp');
    const c = (await api(t, w.owner3).get(`/my/cases/${id}`)).json();
    expect(c.attachments.map((a: { filename: string }) => a.filename)).toEqual(['漏水.jpg', '天花板.webp']);
    expect(c.attachments[0]).toMatchObject({ recordType: 'case', mime: 'image/jpeg', url: `/api/v1/attachments/${r1.json().id}` });
    const file = await t.request({ method: 'GET', url: c.attachments[0].url, cookie: w.owner3.cookie });
    expect(file.statusCode).toBe(200);
    // the company handling it sees them too
    expect((await t.request({ method: 'GET', url: c.attachments[0].url, cookie: w.staff.cookie })).statusCode).toBe(200);
    expect(await count(t, `audit_events WHERE action = 'attachment.upload' AND summary->>'recordId' = $1`, [String(id)])).toBe(2);
  });

  it('owner: a file that is not an image is refused naming the file, and nothing is stored', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    for (const file of [
      { name: '说明.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4 fake') },
      { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('GIF89a not a jpeg at all') },
    ]) {
      const res = await upload(w.owner3, 'case', id, file);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('FILE_REJECTED');
      expect(res.json().message).toContain(file.name);
      expect(res.json().message).toContain('照片须为 JPG/PNG/WebP 图片');
    }
    expect(await count(t, `attachments WHERE record_type = 'case' AND record_id = $1`, [String(id)])).toBe(0);
  });

  it('owner: a photo over 5 MB is refused naming the file', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const res = await upload(w.owner3, 'case', id, jpeg('大图.jpg', 5 * 1024 * 1024));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'FILE_REJECTED' });
    expect(res.json().message).toContain('大图.jpg');
    expect(res.json().message).toContain('照片不能超过 5 MB');
    expect(await count(t, `attachments WHERE record_type = 'case' AND record_id = $1`, [String(id)])).toBe(0);
  });

  it('owner: the tenth photo is refused', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    for (let i = 1; i <= 9; i++) expect((await upload(w.owner3, 'case', id, jpeg(`${i}.jpg`, 64))).statusCode).toBe(200);
    const res = await upload(w.owner3, 'case', id, jpeg('10.jpg', 64));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('最多上传 9 张');
  });

  it("another owner: cannot add to or see the photos of someone's unit case (404); WebP stays refused for other record types", async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const photo = (await upload(w.owner3, 'case', id, jpeg('a.jpg'))).json();
    expect((await upload(w.owner12, 'case', id, jpeg('b.jpg'))).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${photo.id}`, cookie: w.owner12.cookie })).statusCode).toBe(404);
    const list = await t.request({ method: 'GET', url: `/api/v1/attachments?recordType=case&recordId=${id}`, cookie: w.owner12.cookie });
    expect(list.json().items).toEqual([]);
    // a common-area case's photos are the estate's to see, but only its filer adds them
    const common = await fileCase(t, w.owner3, commonCase(w));
    const cp = (await upload(w.owner3, 'case', common, jpeg('c.jpg'))).json();
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${cp.id}`, cookie: w.owner12.cookie })).statusCode).toBe(200);
    expect((await upload(w.owner12, 'case', common, jpeg('d.jpg'))).statusCode).toBe(403);
    const m = multipart({ recordType: 'estate', recordId: String(w.a.estateId), estateId: String(w.a.estateId) }, webp('plan.webp'));
    const generic = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: w.staff.cookie } });
    expect(generic.statusCode).toBe(400);
    expect(generic.json().code).toBe('FILE_REJECTED');
  });
});

describe('evidence photos', () => {
  it('property staff: uploads evidence and resolves with it; a filer photo or a foreign id is refused naming body.attachmentIds', async () => {
    const id = await fileCase(t, w.owner3, unitCase(w));
    const own = (await upload(w.owner3, 'case', id, jpeg('before.jpg'))).json();
    expect((await upload(w.owner3, 'case_evidence', id, jpeg('fake.jpg'))).statusCode).toBe(403);
    expect((await upload(w.chair, 'case_evidence', id, jpeg('fake.jpg'))).statusCode).toBe(403);
    const ev = await upload(w.staff, 'case_evidence', id, jpeg('after.jpg'));
    expect(ev.statusCode).toBe(200);
    const bad = await api(t, w.staff).post(`/cases/${id}/resolve`, { text: '已修复', attachmentIds: [own.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].field).toBe('body.attachmentIds');
    expect((await t.pool.query('SELECT state FROM cases WHERE id = $1', [id])).rows[0].state).toBe('open');
    const ok = await api(t, w.staff).post(`/cases/${id}/resolve`, { text: '已修复', attachmentIds: [ev.json().id] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().timeline.at(-1).data.attachmentIds).toEqual([ev.json().id]);
    expect(ok.json().attachments.map((a: { recordType: string }) => a.recordType)).toEqual(['case', 'case_evidence']);
    // resolved: no more evidence
    expect((await upload(w.staff, 'case_evidence', id, jpeg('late.jpg'))).statusCode).toBe(409);
  });

  it('department officer: a called department uploads evidence and reads the filer\'s photos; an uncalled one cannot', async () => {
    const id = await fileCase(t, w.owner3, commonCase(w, { title: '违规广告牌' }));
    const photo = (await upload(w.owner3, 'case', id, jpeg('sign.jpg'))).json();
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${photo.id}`, cookie: w.urbanOfficer.cookie })).statusCode).toBe(404);
    await callIn(t, w, id, w.dept.urban);
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${photo.id}`, cookie: w.urbanOfficer.cookie })).statusCode).toBe(200);
    expect((await upload(w.urbanOfficer, 'case_evidence', id, jpeg('removed.jpg'))).statusCode).toBe(200);
    expect((await upload(w.fireOfficer, 'case_evidence', id, jpeg('x.jpg'))).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${photo.id}`, cookie: w.fireOfficer.cookie })).statusCode).toBe(404);
    // the estate id must be the case's own
    expect((await upload(w.owner3, 'case', id, jpeg('y.jpg'), w.b.estateId)).statusCode).toBe(404);
  });
});
