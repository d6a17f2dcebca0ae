import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, bindOwner, noticeWorld, type NoticeWorld, type Signed } from './notice-fixture.ts';

// Owners read their notices; the first opening is the read receipt; coverage by building and the
// reminder to those who have not read.
// Estate A: owner0 holds 1栋-101 and 2栋-101, owner1 1栋-102, owner2 3栋-101.

let t: TestApp;
let w: NoticeWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await noticeWorld(t);
});

const publish = async (who: Signed, body: Record<string, unknown>) => {
  const d = await api(t, who).post(`/estates/${w.a.estateId}/notices`, { kind: 'announcement', body: '正文', audience: 'owners', ...body });
  expect(d.statusCode, d.body).toBe(200);
  const p = await api(t, who).post(`/notices/${d.json().id}/publish`, {});
  expect(p.statusCode, p.body).toBe(200);
  return d.json().id as number;
};
const ids = (res: { json(): { items: { id: number }[] } }) => res.json().items.map((i) => i.id);

describe('reading', () => {
  it('owner of another estate: cannot open the notice (404), it is not in their list, and they cannot see its coverage; nor can that estate’s committee', async () => {
    const id = await publish(w.a.committee, { title: '小区公告' });
    expect((await api(t, w.b.owner).get(`/my/notices/${id}`)).statusCode).toBe(404);
    expect(ids(await api(t, w.b.owner).get('/my/notices'))).not.toContain(id);
    expect((await api(t, w.b.owner).get(`/notices/${id}/coverage`)).statusCode).toBe(403);
    expect((await api(t, w.b.committee).get(`/notices/${id}/coverage`)).statusCode).toBe(404);
    expect((await api(t, w.b.committee).get(`/notices/${id}`)).statusCode).toBe(404);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM notice_recipients WHERE notice_id = $1 AND account_id = $2`, [id, w.b.owner.accountId])).rows[0].n).toBe(0);
  });

  it('owner: the first opening records the read once (the time never moves), without an audit event', async () => {
    const id = await publish(w.a.staff, { title: '电梯年检' });
    const auditBefore = (await t.pool.query(`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n;
    const first = await api(t, w.a.owners[1]!).get(`/my/notices/${id}`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ id, title: '电梯年检', body: '正文', read: true, kindLabel: '公告', publisherName: '安居物业服务有限公司', estateName: '翠竹苑' });
    const readAt = first.json().readAt;
    expect(readAt).toBeTruthy();
    const again = (await api(t, w.a.owners[1]!).get(`/my/notices/${id}`)).json();
    expect(again.readAt).toBe(readAt);
    const row = (await t.pool.query(`SELECT read_at, at_publication FROM notice_recipients WHERE notice_id = $1 AND account_id = $2`, [id, w.a.owners[1]!.accountId])).rows[0];
    expect(row.at_publication).toBe(true);
    expect(new Date(row.read_at).toISOString()).toBe(readAt);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n).toBe(auditBefore);
    await expect(t.pool.query(`UPDATE notice_recipients SET read_at = now() WHERE notice_id = $1 AND account_id = $2`, [id, w.a.owners[1]!.accountId])).rejects.toThrow(/never changes/);
  });

  it('owner: a notice to some buildings reaches only their owners — others neither list nor open it', async () => {
    const id = await publish(w.a.committee, { title: '3栋停水', audience: 'buildings', buildingIds: [w.a.buildingIds[2]] });
    expect(ids(await api(t, w.a.owners[2]!).get('/my/notices'))).toContain(id);
    expect((await api(t, w.a.owners[2]!).get(`/my/notices/${id}`)).statusCode).toBe(200);
    for (const o of [w.a.owners[0]!, w.a.owners[1]!]) {
      expect(ids(await api(t, o).get('/my/notices'))).not.toContain(id);
      expect((await api(t, o).get(`/my/notices/${id}`)).statusCode).toBe(404);
    }
    const rec = await t.pool.query(`SELECT account_id FROM notice_recipients WHERE notice_id = $1`, [id]);
    expect(rec.rows.map((r) => Number(r.account_id))).toEqual([w.a.owners[2]!.accountId]);
  });

  it('owner: unread first, then pinned, then newest; with the unread count', async () => {
    const o = w.a.owners[2]!;
    const older = await publish(w.a.committee, { title: '较早' });
    const pinned = await publish(w.a.committee, { title: '置顶', pinned: true });
    const newest = await publish(w.a.committee, { title: '最新' });
    await api(t, o).get(`/my/notices/${older}`);
    const page = (await api(t, o).get(`/my/notices?estateId=${w.a.estateId}&pageSize=100`)).json();
    const order = page.items.map((i: { id: number }) => i.id);
    expect(order.indexOf(pinned)).toBeLessThan(order.indexOf(newest));
    expect(order.indexOf(newest)).toBeLessThan(order.indexOf(older));
    expect(page.unreadCount).toBe(page.items.filter((i: { read: boolean }) => !i.read).length);
    expect(page.items.find((i: { id: number }) => i.id === older).read).toBe(true);
    expect(page.total).toBe(page.items.length);
  });
});

describe('coverage and reminders', () => {
  it('committee chair: coverage by building is exact after some reads (an owner in two buildings counts in each, once overall), and the Excel says the same', async () => {
    const id = await publish(w.a.committee, { title: '覆盖率', kind: 'notice', audience: 'estate' });
    await api(t, w.a.owners[0]!).get(`/my/notices/${id}`); // 1栋 and 2栋
    await api(t, w.a.owners[2]!).get(`/my/notices/${id}`); // 3栋
    const cov = (await api(t, w.a.community).get(`/notices/${id}/coverage`)).json();
    expect(cov).toEqual({
      recipients: 4, read: 2, readPctBp: 5000,
      buildings: [
        { buildingId: w.a.buildingIds[0], name: '1栋', recipients: 2, read: 1, readPctBp: 5000 },
        { buildingId: w.a.buildingIds[1], name: '2栋', recipients: 1, read: 1, readPctBp: 10000 },
        { buildingId: w.a.buildingIds[2], name: '3栋', recipients: 1, read: 1, readPctBp: 10000 },
      ],
      committee: { recipients: 1, read: 0 },
    });
    const list = (await api(t, w.a.community).get(`/notices?estateId=${w.a.estateId}&q=覆盖率`)).json();
    expect(list.items[0]).toMatchObject({ id, recipientCount: 4, readCount: 2, readPctBp: 5000 });
    const x = await t.request({ method: 'GET', url: `/api/v1/notices/${id}/coverage.xlsx`, cookie: w.a.committee.cookie });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.slice(3)).toEqual([
      ['1栋', 2, 1, 1, '50.00%'], ['2栋', 1, 1, 0, '100.00%'], ['3栋', 1, 1, 0, '100.00%'],
      ['业主委员会', 1, 0, 1, ''], ['合计（每人计一次）', 4, 2, 2, '50.00%'],
    ]);
  });

  it('committee chair: a buildings notice lists only its buildings', async () => {
    const id = await publish(w.a.committee, { title: '1栋通知', audience: 'buildings', buildingIds: [w.a.buildingIds[0]] });
    await api(t, w.a.owners[1]!).get(`/my/notices/${id}`);
    const cov = (await api(t, w.a.committee).get(`/notices/${id}/coverage`)).json();
    expect(cov).toEqual({ recipients: 2, read: 1, readPctBp: 5000, buildings: [{ buildingId: w.a.buildingIds[0], name: '1栋', recipients: 2, read: 1, readPctBp: 5000 }] });
  });

  it('property staff: a reminder goes only to those who have not read; a second within 24 hours is refused (409) and sends nothing', async () => {
    const id = await publish(w.a.staff, { title: '请缴纳停车费' });
    await api(t, w.a.owners[0]!).get(`/my/notices/${id}`);
    const res = await api(t, w.a.staff).post(`/notices/${id}/remind`, {});
    expect(res.json()).toEqual({ reminded: 2 });
    const msgs = await t.pool.query(`SELECT account_id FROM notifications WHERE subject = '提醒：请阅读「请缴纳停车费」' ORDER BY account_id`);
    expect(msgs.rows.map((r) => Number(r.account_id))).toEqual([w.a.owners[1]!.accountId, w.a.owners[2]!.accountId]);
    const detail = (await api(t, w.a.staff).get(`/notices/${id}`)).json();
    expect(detail.lastRemindedAt).toBeTruthy();
    expect(detail.availableActions).not.toContain('remind');
    const again = await api(t, w.a.staff).post(`/notices/${id}/remind`, {});
    expect(again.statusCode).toBe(409);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE subject = '提醒：请阅读「请缴纳停车费」'`)).rows[0].n).toBe(2);
    // a day later it may be sent again (the last reminder moved back 24 hours)
    await t.pool.query(`UPDATE notices SET last_reminded_at = last_reminded_at - interval '24 hours' WHERE id = $1`, [id]);
    expect((await api(t, w.a.staff).post(`/notices/${id}/remind`, {})).json()).toEqual({ reminded: 2 });
    const audit = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'notice.remind' AND target_id = $1`, [String(id)]);
    expect(audit.rows[0].n).toBe(2);
  });
});

// last: these add owners to the estate, which the counts above do not expect
describe('later owners', () => {
  it('owner bound after publication: opening a notice of their audience adds them (at_publication false) and they count from then on', async () => {
    const id = await publish(w.a.committee, { title: '全体业主公告' });
    const unit = await createUnit(t.pool, { estateId: w.a.estateId, buildingId: w.a.buildingIds[2]!, number: '202' });
    const late = await bindOwner(t, w.a.estateId, [unit]);
    const res = await api(t, late).get(`/my/notices/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const row = (await t.pool.query(`SELECT at_publication, building_ids, read_at FROM notice_recipients WHERE notice_id = $1 AND account_id = $2`, [id, late.accountId])).rows[0];
    expect(row.at_publication).toBe(false);
    expect(row.building_ids.map(Number)).toEqual([w.a.buildingIds[2]]);
    expect(row.read_at).not.toBeNull();
    const cov = (await api(t, w.a.committee).get(`/notices/${id}/coverage`)).json();
    expect(cov).toMatchObject({ recipients: 4, read: 1, readPctBp: 2500 });
  });

  it('owner: a signed-out (revoked) or idle session opens nothing and records no read; anonymous is refused', async () => {
    const id = await publish(w.a.committee, { title: '会话检查' });
    const o = await bindOwner(t, w.a.estateId, [w.a.unitIds[3]!]);
    await t.pool.query(`UPDATE sessions SET revoked_at = now() WHERE account_id = $1`, [o.accountId]);
    const revoked = await api(t, o).get(`/my/notices/${id}`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('SESSION_EXPIRED');
    const idle = await bindOwner(t, w.a.estateId, [w.a.unitIds[3]!]);
    await t.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '1 day' WHERE account_id = $1`, [idle.accountId]);
    expect((await api(t, idle).get(`/my/notices/${id}`)).json().code).toBe('SESSION_EXPIRED');
    expect((await t.request({ method: 'GET', url: `/api/v1/my/notices/${id}` })).statusCode).toBe(401);
    const rows = await t.pool.query(`SELECT count(*)::int AS n FROM notice_recipients WHERE notice_id = $1 AND account_id = ANY($2::bigint[])`, [id, [o.accountId, idle.accountId]]);
    expect(rows.rows[0].n).toBe(0);
  });

  it('committee chair who also owns a flat: reads the owners’ notice under their own account, whatever role is active', async () => {
    const id = await publish(w.a.staff, { title: '业主通知' });
    const unit = await createUnit(t.pool, { estateId: w.a.estateId, buildingId: w.a.buildingIds[1]!, number: '909' });
    await bindOwner(t, w.a.estateId, [unit], w.a.committee);
    expect(ids(await api(t, w.a.committee).get('/my/notices'))).toContain(id);
    expect((await api(t, w.a.committee).get(`/my/notices/${id}`)).json()).toMatchObject({ id, read: true });
    // the staff member owns nothing: nothing is addressed to them
    expect((await api(t, w.a.staff).get(`/my/notices/${id}`)).statusCode).toBe(404);
    expect((await api(t, w.a.staff).get('/my/notices')).json()).toEqual({ items: [], total: 0, unreadCount: 0 });
  });
});
