import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { multipart } from '../support/multipart.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, noticeWorld, type NoticeWorld, type Signed } from './notice-fixture.ts';

// Officials compose, publish, withdraw and correct notices; the archive keeps everything.

let t: TestApp;
let w: NoticeWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await noticeWorld(t);
});

const draft = async (who: Signed, over: Record<string, unknown> = {}) => {
  const res = await api(t, who).post(`/estates/${w.a.estateId}/notices`, { kind: 'notice', title: '停水通知', body: '周三 9:00-12:00 停水', audience: 'owners', ...over });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const published = async (who: Signed, over: Record<string, unknown> = {}) => {
  const d = await draft(who, over);
  const res = await api(t, who).post(`/notices/${d.id}/publish`, {});
  expect(res.statusCode, res.body).toBe(200);
  return d.id as number;
};
const noticesState = async () => (await t.pool.query(
  `SELECT (SELECT count(*) FROM notices)::int AS notices, (SELECT count(*) FROM notice_recipients)::int AS recipients,
          (SELECT count(*) FROM audit_events)::int AS audit, (SELECT count(*) FROM notifications)::int AS messages,
          (SELECT md5(string_agg(n::text, ',' ORDER BY id)) FROM notices n) AS rows`,
)).rows[0];

describe('composing and publishing', () => {
  it('committee chair: a draft carries the committee as publisher, is invisible to the company, and publishing it reaches the bound owners', async () => {
    const d = await draft(w.a.committee);
    expect(d).toMatchObject({ state: 'draft', stateLabel: '草稿', kindLabel: '通知', publisherKind: 'committee', publisherName: '第一届业主委员会', availableActions: ['edit', 'delete', 'publish'] });
    expect((await api(t, w.a.staff).get(`/notices/${d.id}`)).statusCode).toBe(404);
    const list = (await api(t, w.a.staff).get(`/notices?estateId=${w.a.estateId}`)).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(d.id);
    const pub = await api(t, w.a.committee).post(`/notices/${d.id}/publish`, {});
    expect(pub.json()).toEqual({ id: d.id, state: 'published', recipientCount: 3 });
    const seen = (await api(t, w.a.staff).get(`/notices/${d.id}`)).json();
    expect(seen).toMatchObject({ state: 'published', stateLabel: '已发布', recipientCount: 3, readCount: 0, readPctBp: 0, availableActions: [] });
    const audit = await t.pool.query(`SELECT action FROM audit_events WHERE target_type = 'notice' AND target_id = $1 ORDER BY seq`, [String(d.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['notice.create', 'notice.publish']);
  });

  it('property staff: a publicity without its dates is refused at publication naming the field, and nothing changes', async () => {
    const d = await draft(w.a.staff, { kind: 'publicity', title: '物业费调整公示' });
    const before = await noticesState();
    const res = await api(t, w.a.staff).post(`/notices/${d.id}/publish`, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].field).toBe('body.publicityStart');
    expect(await noticesState()).toEqual(before);
    const fixed = await api(t, w.a.staff).patch(`/notices/${d.id}`, { publicityStart: '2026-12-01', publicityEnd: '2026-12-10' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await api(t, w.a.staff).post(`/notices/${d.id}/publish`, {})).statusCode).toBe(200);
  });

  it('community officer: bad input (unknown kind, dates out of order, a building of another estate, an empty title) changes nothing', async () => {
    const before = await noticesState();
    const bad = [
      { kind: 'memo', title: 'x', audience: 'owners' },
      { kind: 'publicity', title: 'x', audience: 'owners', publicityStart: '2026-12-10', publicityEnd: '2026-12-01' },
      { kind: 'notice', title: 'x', audience: 'buildings', buildingIds: [999_999] },
      { kind: 'notice', title: 'x', audience: 'buildings' },
      { kind: 'notice', title: '   ', audience: 'owners' },
      { kind: 'notice', title: 'x', audience: 'owners', expiresAt: '2020-01-01T00:00:00+08:00' },
    ];
    const fields = [];
    for (const body of bad) {
      const res = await api(t, w.a.community).post(`/estates/${w.a.estateId}/notices`, body);
      expect(res.statusCode, res.body).toBe(400);
      fields.push(res.json().details.issues[0].field);
    }
    expect(fields).toEqual(['body.kind', 'body.publicityEnd', 'body.buildingIds', 'body.buildingIds', 'body.title', 'body.expiresAt']);
    expect((await api(t, w.a.community).post(`/estates/${w.b.estateId}/notices`, { kind: 'notice', title: 'x', audience: 'owners' })).statusCode).toBe(404);
    expect(await noticesState()).toEqual(before);
  });

  it('property manager: a draft is edited and deleted; the company cannot touch the committee’s published notice (403)', async () => {
    const d = await draft(w.a.manager, { title: '草稿一' });
    const e = await api(t, w.a.manager).patch(`/notices/${d.id}`, { title: '草稿一（改）', audience: 'buildings', buildingIds: [w.a.buildingIds[1]] });
    expect(e.json()).toMatchObject({ title: '草稿一（改）', audience: 'buildings', buildingIds: [w.a.buildingIds[1]], buildings: [{ name: '2栋' }] });
    expect((await api(t, w.a.manager).del(`/notices/${d.id}`)).statusCode).toBe(200);
    expect((await t.pool.query(`SELECT 1 FROM notices WHERE id = $1`, [d.id])).rowCount).toBe(0);
    const c = await published(w.a.committee, { title: '业委会通知' });
    expect((await api(t, w.a.manager).post(`/notices/${c}/withdraw`, { reason: '不对' })).statusCode).toBe(403);
    expect((await api(t, w.a.manager).post(`/notices/${c}/pin`, { pinned: true })).statusCode).toBe(403);
  });
});

describe('the archive', () => {
  it('committee chair: a withdrawn notice stays in the archive as 已撤回 with its reason, for officials and owners; it cannot be deleted or edited', async () => {
    const id = await published(w.a.committee, { title: '错误的停电通知' });
    const res = await api(t, w.a.committee).post(`/notices/${id}/withdraw`, { reason: '停电时间有误' });
    expect(res.json()).toEqual({ id, state: 'withdrawn' });
    const official = (await api(t, w.a.community).get(`/notices/${id}`)).json();
    expect(official).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', withdrawReason: '停电时间有误', title: '错误的停电通知', body: '周三 9:00-12:00 停水' });
    expect(official.withdrawnAt).toBeTruthy();
    const mine = (await api(t, w.a.owners[0]!).get(`/my/notices/${id}`)).json();
    expect(mine).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', withdrawReason: '停电时间有误' });
    expect((await api(t, w.a.owners[0]!).get('/my/notices')).json().items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await api(t, w.a.committee).del(`/notices/${id}`)).statusCode).toBe(409);
    expect((await api(t, w.a.committee).patch(`/notices/${id}`, { title: '改' })).statusCode).toBe(409);
    expect((await api(t, w.a.committee).post(`/notices/${id}/withdraw`, { reason: '再撤' })).statusCode).toBe(409);
    expect((await api(t, w.a.committee).post(`/notices/${id}/correct`, { title: '改', body: '改', reason: '改' })).statusCode).toBe(409);
    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'notice.withdraw' AND target_id = $1`, [String(id)]);
    expect(audit.rows[0].summary).toMatchObject({ reason: '停电时间有误' });
  });

  it('anyone with database access: the trigger refuses to change a published notice’s content, to un-withdraw it or to delete it, even bypassing the code', async () => {
    const id = await published(w.a.staff, { title: '不可篡改' });
    await expect(t.pool.query(`UPDATE notices SET title = '篡改' WHERE id = $1`, [id])).rejects.toThrow(/never changes/);
    await expect(t.pool.query(`UPDATE notices SET body = '篡改' WHERE id = $1`, [id])).rejects.toThrow(/never changes/);
    await expect(t.pool.query(`DELETE FROM notices WHERE id = $1`, [id])).rejects.toThrow(/never deleted/);
    await api(t, w.a.staff).post(`/notices/${id}/withdraw`, { reason: '测试' });
    await expect(t.pool.query(`UPDATE notices SET state = 'published' WHERE id = $1`, [id])).rejects.toThrow(/stays withdrawn/);
    await expect(t.pool.query(`UPDATE notices SET withdraw_reason = '另一个原因' WHERE id = $1`, [id])).rejects.toThrow(/withdrawal never changes/);
    expect((await t.pool.query(`SELECT title, withdraw_reason FROM notices WHERE id = $1`, [id])).rows[0]).toEqual({ title: '不可篡改', withdraw_reason: '测试' });
  });

  it('committee chair: a correction is a new published notice linked both ways; the original shows 已更正 and is corrected only once', async () => {
    const id = await published(w.a.committee, { title: '业主大会筹备通知', pinned: true });
    const res = await api(t, w.a.committee).post(`/notices/${id}/correct`, { title: '业主大会筹备通知（更正）', body: '会议改在周六', reason: '会议日期有误' });
    expect(res.statusCode, res.body).toBe(200);
    const corr = res.json();
    expect(corr).toMatchObject({ state: 'published', correctsId: id, correctionReason: '会议日期有误', audience: 'owners', kind: 'notice', pinned: true, recipientCount: 3 });
    const orig = (await api(t, w.a.committee).get(`/notices/${id}`)).json();
    expect(orig).toMatchObject({ state: 'published', stateLabel: '已更正', correctedById: corr.id, pinned: false, title: '业主大会筹备通知' });
    expect(orig.availableActions).not.toContain('correct');
    const mine = (await api(t, w.a.owners[1]!).get(`/my/notices/${id}`)).json();
    expect(mine).toMatchObject({ stateLabel: '已更正', correctedById: corr.id });
    expect((await api(t, w.a.owners[1]!).get(`/my/notices/${corr.id}`)).json()).toMatchObject({ correctsId: id, correctionReason: '会议日期有误' });
    expect((await api(t, w.a.committee).post(`/notices/${id}/correct`, { title: '再次更正', body: 'x', reason: 'x' })).statusCode).toBe(409);
    const actions = await t.pool.query(`SELECT action, target_id FROM audit_events WHERE action IN ('notice.correct', 'notice.publish') AND target_id IN ($1, $2) ORDER BY seq`, [String(id), String(corr.id)]);
    expect(actions.rows.slice(-2)).toEqual([{ action: 'notice.correct', target_id: String(id) }, { action: 'notice.publish', target_id: String(corr.id) }]);
  });

  it('the platform’s own notice (published for a statement) cannot be withdrawn or corrected by its publisher kind', async () => {
    const { publishSystemNotice } = await import('../../src/modules/disclosure/index.ts');
    const { withTx } = await import('../../src/platform/db.ts');
    const out = await withTx(t.pool, (db) => publishSystemNotice(db, {
      estateId: w.a.estateId, kind: 'announcement', title: '公共收益公示', body: 'x', audience: 'owners', publisherKind: 'company',
      publisherName: '安居物业服务有限公司', sourceType: 'revenue_statement', sourceId: 1, actor: { accountId: null, role: null, ip: null }, inbox: false,
    }));
    const d = (await api(t, w.a.staff).get(`/notices/${out.noticeId}`)).json();
    expect(d.availableActions).toEqual(['pin', 'remind']);
    expect((await api(t, w.a.staff).post(`/notices/${out.noticeId}/withdraw`, { reason: 'x' })).statusCode).toBe(409);
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const upload = (who: Signed, noticeId: number, estateId = w.a.estateId) => {
    const m = multipart({ recordType: 'notice', recordId: String(noticeId), estateId: String(estateId) }, { name: '通知.png', type: 'image/png', data: png });
    return t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
  };

  it('property staff: attaches to its own draft; not once published; nobody else attaches to it', async () => {
    const d = await draft(w.a.staff, { title: '带附件的通知' });
    const ok = await upload(w.a.staff, d.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await upload(w.a.committee, d.id)).statusCode).toBe(404);
    expect((await upload(w.a.owners[0]!, d.id)).statusCode).toBe(404);
    expect((await upload(w.a.staff, d.id, w.b.estateId)).statusCode).toBe(404);
    // a draft's files are its publisher's alone
    const attId = ok.json().id;
    const files = (who: Signed) => api(t, who).get(`/attachments?recordType=notice&recordId=${d.id}`);
    expect((await files(w.a.staff)).json().items).toHaveLength(1);
    expect((await files(w.a.owners[0]!)).json().items).toEqual([]);
    expect((await files(w.a.committee)).json().items).toEqual([]);
    expect((await api(t, w.a.owners[0]!).get(`/attachments/${attId}`)).statusCode).toBe(404);
    expect((await api(t, w.a.committee).get(`/attachments/${attId}`)).statusCode).toBe(404);
    await api(t, w.a.staff).post(`/notices/${d.id}/publish`, {});
    expect((await files(w.a.owners[0]!)).json().items).toHaveLength(1);
    expect((await api(t, w.a.owners[0]!).get(`/attachments/${attId}`)).statusCode).toBe(200);
    const late = await upload(w.a.staff, d.id);
    expect(late.statusCode).toBe(409);
    const detail = (await api(t, w.a.staff).get(`/notices/${d.id}`)).json();
    expect(detail.attachments).toEqual([expect.objectContaining({ filename: '通知.png', mime: 'image/png' })]);
    expect((await api(t, w.a.owners[2]!).get(`/my/notices/${d.id}`)).json().attachments).toHaveLength(1);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM attachments WHERE record_type = 'notice'`)).rows[0].n).toBe(1);
  });

  it('committee chair: the files of a notice to the committee are not the owners’', async () => {
    const d = await draft(w.a.committee, { title: '业委会内部通知', audience: 'committee' });
    const up = await upload(w.a.committee, d.id);
    expect(up.statusCode, up.body).toBe(200);
    await api(t, w.a.committee).post(`/notices/${d.id}/publish`, {});
    expect((await api(t, w.a.owners[0]!).get(`/attachments?recordType=notice&recordId=${d.id}`)).json().items).toEqual([]);
    expect((await api(t, w.a.owners[0]!).get(`/attachments/${up.json().id}`)).statusCode).toBe(404);
    expect((await api(t, w.a.owners[0]!).get(`/my/notices/${d.id}`)).statusCode).toBe(404);
    expect((await api(t, w.a.committee).get(`/attachments?recordType=notice&recordId=${d.id}`)).json().items).toHaveLength(1);
  });

  it('the audit chain is intact after all of the above', async () => {
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });
});
