import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/platform/audit.ts';
import { withTx } from '../../src/platform/db.ts';
import { publishSystemNotice, type SystemNoticeInput } from '../../src/modules/disclosure/index.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { noticeWorld, type NoticeWorld } from './notice-fixture.ts';

// publishSystemNotice: how other modules (statements, filings, meetings, fund uses) publish to owners.

let t: TestApp;
let w: NoticeWorld;
beforeAll(async () => {
  t = await createTestApp();
  w = await noticeWorld(t);
});

const base = (over: Partial<SystemNoticeInput> = {}): SystemNoticeInput => ({
  estateId: w.a.estateId, kind: 'announcement', title: '2026年第一季度公共收益公示', body: '详见附件',
  audience: 'owners', publisherKind: 'company', publisherName: '安居物业服务有限公司',
  sourceType: 'revenue_statement', sourceId: 7, actor: { accountId: w.a.staff.accountId, role: 'property_staff', ip: null }, ...over,
});
const publish = (o: SystemNoticeInput) => withTx(t.pool, (db) => publishSystemNotice(db, o));
const recipientsOf = async (id: number) =>
  (await t.pool.query(`SELECT account_id, building_ids FROM notice_recipients WHERE notice_id = $1 ORDER BY account_id`, [id])).rows
    .map((r) => ({ accountId: Number(r.account_id), buildingIds: (r.building_ids as unknown[]).map(Number) }));

describe('publishSystemNotice', () => {
  it('company (system): an announcement to owners freezes every bound owner of the estate as a recipient, messages them, and audits notice.publish', async () => {
    const out = await publish(base());
    expect(out.recipientCount).toBe(3);
    const n = (await t.pool.query(`SELECT * FROM notices WHERE id = $1`, [out.noticeId])).rows[0];
    expect(n).toMatchObject({ state: 'published', recipient_count: 3, source_type: 'revenue_statement', publisher_kind: 'company' });
    expect(await recipientsOf(out.noticeId)).toEqual([
      { accountId: w.a.owners[0]!.accountId, buildingIds: [w.a.buildingIds[0], w.a.buildingIds[1]] },
      { accountId: w.a.owners[1]!.accountId, buildingIds: [w.a.buildingIds[0]] },
      { accountId: w.a.owners[2]!.accountId, buildingIds: [w.a.buildingIds[2]] },
    ]);
    const msgs = await t.pool.query(`SELECT account_id FROM notifications WHERE subject = $1 ORDER BY account_id`, ['新公告：2026年第一季度公共收益公示']);
    expect(msgs.rows.map((r) => Number(r.account_id))).toEqual(w.a.owners.map((o) => o.accountId));
    const audit = await t.pool.query(`SELECT action, estate_id FROM audit_events WHERE target_type = 'notice' AND target_id = $1`, [String(out.noticeId)]);
    expect(audit.rows).toEqual([{ action: 'notice.publish', estate_id: w.a.estateId }]);
    expect((await verifyAuditChain(t.pool)).ok).toBe(true);
  });

  it('committee (system): audience buildings reaches only the owners of those buildings; inbox false sends no message', async () => {
    const before = await t.pool.query(`SELECT count(*)::int AS n FROM notifications`);
    const out = await publish(base({ title: '3栋停水', audience: 'buildings', buildingIds: [w.a.buildingIds[2]!], inbox: false, sourceType: undefined, sourceId: undefined }));
    expect(out.recipientCount).toBe(1);
    expect((await recipientsOf(out.noticeId)).map((r) => r.accountId)).toEqual([w.a.owners[2]!.accountId]);
    expect((await t.pool.query(`SELECT count(*)::int AS n FROM notifications`)).rows[0].n).toBe(before.rows[0].n);
  });

  it('committee (system): audience estate adds the committee to the owners; audience committee is the committee alone', async () => {
    const estate = await publish(base({ title: '全小区通知', audience: 'estate', kind: 'notice', sourceType: undefined }));
    expect(estate.recipientCount).toBe(4);
    const board = await publish(base({ title: '业委会内部', audience: 'committee', kind: 'notice', sourceType: undefined }));
    expect((await recipientsOf(board.noticeId))).toEqual([{ accountId: w.a.committee.accountId, buildingIds: [] }]);
  });

  it('fund module (system): audience units reaches the owners of those units only', async () => {
    const out = await publish(base({ title: '维修资金使用公示', kind: 'publicity', audience: 'units', unitIds: [w.a.unitIds[1]!], publicityStart: '2026-11-01', publicityEnd: '2026-11-07', sourceType: 'fund_application', sourceId: 3 }));
    expect((await recipientsOf(out.noticeId)).map((r) => r.accountId)).toEqual([w.a.owners[1]!.accountId]);
  });

  it('any caller: a publicity without dates, or a building of another estate, is refused naming the field and writes nothing', async () => {
    const count = async () => (await t.pool.query(`SELECT (SELECT count(*) FROM notices)::int AS n, (SELECT count(*) FROM notice_recipients)::int AS r`)).rows[0];
    const before = await count();
    await expect(publish(base({ kind: 'publicity' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ field: 'body.publicityStart' }] } });
    await expect(publish(base({ kind: 'publicity', publicityStart: '2026-11-01' }))).rejects.toMatchObject({ details: { issues: [{ field: 'body.publicityEnd' }] } });
    await expect(publish(base({ audience: 'buildings', buildingIds: [999_999] }))).rejects.toMatchObject({ details: { issues: [{ field: 'body.buildingIds' }] } });
    expect(await count()).toEqual(before);
  });
});
