import { beforeAll, describe, expect, it } from 'vitest';
import { writeStatement } from '../../src/modules/funds/index.ts';
import { withTx } from '../../src/platform/db.ts';
import { boundOwner, createUnit } from '../support/factories.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { fundApplication } from '../funds/disbursement-fixtures.ts';
import { closeMeeting, openMeeting, type OpenedMeeting } from '../meetings/support.ts';

// The meetings and the fund publish through the notices (issue 5, D4): a meeting's notice and its
// result, a fund use's publication and a fund statement each stand as a notice whose recipients
// are the right owners — and nobody gets a second inbox message for them.

let t: TestApp;
let m: OpenedMeeting;

const noticesOf = async (sourceType: string, sourceId: number) =>
  (await t.pool.query(
    `SELECT id, kind, title, body, audience, state, publisher_kind, publisher_name, publicity_start::text AS ps, publicity_end::text AS pe, recipient_count
       FROM notices WHERE source_type = $1 AND source_id = $2 ORDER BY id`,
    [sourceType, sourceId],
  )).rows;
const recipientsOf = async (noticeId: number) =>
  (await t.pool.query(`SELECT account_id FROM notice_recipients WHERE notice_id = $1 ORDER BY account_id`, [noticeId])).rows.map((r) => Number(r.account_id));
const newNoticeMessages = async () => Number((await t.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE subject LIKE '新公告：%'`)).rows[0].n);

beforeAll(async () => {
  t = await createTestApp();
  m = await openMeeting(t, { stopAt: 'notice_published' });
});

describe('meetings publish through the notices', () => {
  it('committee chair (convener): publishing the meeting notice puts an announcement before every bound owner of the estate', async () => {
    const [n] = await noticesOf('meeting', m.meetingId);
    expect(n).toMatchObject({ kind: 'announcement', audience: 'owners', state: 'published', publisher_kind: 'committee' });
    expect(n.title).toMatch(/^业主大会会议公告：/);
    expect(n.body).toContain('投票时间');
    const owners = m.owners.map((o) => o.accountId).sort((a, b) => a - b);
    expect(await recipientsOf(n.id)).toEqual(owners);
    expect(n.recipient_count).toBe(owners.length);
    expect(await newNoticeMessages()).toBe(0);
    const audit = await t.pool.query(`SELECT summary FROM audit_events WHERE action = 'notice.publish' AND target_id = $1`, [String(n.id)]);
    expect(audit.rows[0].summary).toMatchObject({ sourceType: 'meeting', sourceId: m.meetingId });
  });

  it('committee chair: publishing the result puts a publicity of the decisions for the objection period before the owners', async () => {
    await t.pool.query(`UPDATE meetings SET voting_opens_at = now() - interval '1 minute' WHERE id = $1`, [m.meetingId]);
    await t.pool.query(`UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.open_voting' AND payload->>'meetingId' = $1`, [String(m.meetingId)]);
    expect(await closeMeeting(t, m.meetingId)).toBe('tallied');
    const pub = await t.request({ method: 'POST', url: `/api/v1/meetings/${m.meetingId}/publish-result`, cookie: m.convener.cookie, body: {} });
    expect(pub.statusCode, pub.body).toBe(200);
    const notices = await noticesOf('meeting', m.meetingId);
    expect(notices).toHaveLength(2);
    const result = notices[1];
    expect(result).toMatchObject({ kind: 'publicity', audience: 'owners', state: 'published' });
    expect(result.title).toMatch(/^业主大会会议决定公示：/);
    // nobody voted: the matter failed for want of participation; the election elected nobody
    expect(result.body).toContain('参与表决未达法定比例，未通过');
    expect(result.body).toContain('无人当选');
    const row = (await t.pool.query(`SELECT ((objection_ends_at - interval '1 millisecond') AT TIME ZONE 'Asia/Shanghai')::date::text AS ends FROM meetings WHERE id = $1`, [m.meetingId])).rows[0];
    // the period's last day: objection_ends_at is the end (exclusive) of that local day
    expect(result.pe).toBe(row.ends);
    expect(result.ps <= result.pe).toBe(true);
    expect(await recipientsOf(result.id)).toEqual(m.owners.map((o) => o.accountId).sort((a, b) => a - b));
    expect(await newNoticeMessages()).toBe(0);
  });
});

describe('the fund publishes through the notices', () => {
  it('committee chair: a settled use’s publication is a publicity to the owners of the charging scope only', async () => {
    const [inScope, alsoInScope] = [m.units[0]!.id, m.units[6]!.id];
    const id = await fundApplication(t.pool, {
      estateId: m.estateId, unitIds: [inScope, alsoInScope], budgetFen: 500_000, createdBy: m.convener.accountId, state: 'settled', actualCostFen: 480_000,
      title: '更换1栋单元门禁',
    });
    const res = await t.request({ method: 'POST', url: `/api/v1/fund/applications/${id}/publish`, cookie: m.convener.cookie, body: {} });
    expect(res.statusCode, res.body).toBe(200);
    const [n] = await noticesOf('fund_application', id);
    expect(n).toMatchObject({ kind: 'publicity', audience: 'units', title: '维修资金使用公示：更换1栋单元门禁', publisher_kind: 'committee' });
    expect(n.body).toContain('实际费用');
    expect(n.ps < n.pe).toBe(true);
    // owners A (1栋101) and G (2栋101) hold the scope's units; nobody else
    expect(await recipientsOf(n.id)).toEqual([m.owner('A').accountId, m.owner('G').accountId].sort((a, b) => a - b));
    expect(await newNoticeMessages()).toBe(0);
    // what the owners' notice pages show: A sees it; B (1栋102, outside the scope) does not
    const titles = async (cookie: string) =>
      ((await t.request({ method: 'GET', url: '/api/v1/my/notices?pageSize=100', cookie })).json().items as { title: string }[]).map((x) => x.title);
    expect(await titles(m.owner('A').cookie)).toContain('维修资金使用公示：更换1栋单元门禁');
    // the owner's notice names the record it announces, so the page can lead to it
    const opened = await t.request({ method: 'GET', url: `/api/v1/my/notices/${n.id}`, cookie: m.owner('A').cookie });
    expect(opened.json()).toMatchObject({ sourceType: 'fund_application', sourceId: id });
    expect(await titles(m.owner('B').cookie)).not.toContain('维修资金使用公示：更换1栋单元门禁');
    expect(await titles(m.owner('B').cookie)).toEqual(expect.arrayContaining([expect.stringMatching(/^业主大会会议公告：/), expect.stringMatching(/^业主大会会议决定公示：/)]));
  });

  it('system: a published fund statement is an announcement to every bound owner', async () => {
    // an owner bound later than the meeting's roster still counts as an owner of the estate
    const unitId = await createUnit(t.pool, { estateId: m.estateId, buildingId: m.buildingIds[1]!, number: '201' });
    const late = await boundOwner(t, { estateId: m.estateId, unitIds: [unitId] });
    const id = await withTx(t.pool, (db) => writeStatement(db, {
      estateId: m.estateId, periodStart: '2026-01-01', periodEnd: '2026-06-30', actor: { accountId: null, role: 'system', ip: null },
    }));
    const [n] = await noticesOf('fund_statement', id!);
    expect(n).toMatchObject({ kind: 'announcement', audience: 'owners', publisher_kind: 'platform' });
    expect(n.title).toContain('维修资金对账单（2026-01-01 至 2026-06-30）');
    expect(await recipientsOf(n.id)).toEqual([...m.owners.map((o) => o.accountId), late.accountId].sort((a, b) => a - b));
    expect(await newNoticeMessages()).toBe(0);
  });
});
