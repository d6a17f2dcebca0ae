import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, auditActions, counts, currentBallots, upload } from './proxies-paper-fixture.ts';
import { closeMeeting, official, runDueJobs, openMeeting, type OpenedMeeting, type Signed } from './support.ts';

// Paper ballots (纸质票): entered by the convener's staff with the scan, pending until a second
// person confirms; the profile's paper/online precedence decides which ballot stands.

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });

interface Ctx { m: OpenedMeeting; clerk: Signed; checker: Signed; scan: number }

async function setup(opts: Parameters<typeof openMeeting>[1] = {}): Promise<Ctx> {
  const m = await openMeeting(t, opts);
  const clerk = m.convener;
  const checker = await official(t, 'committee_member', m.estateId);
  const scan = await upload(t, clerk, m.estateId, m.meetingId, '纸质票.png');
  return { m, clerk, checker, scan };
}

const sheetBody = (c: Ctx, over: Record<string, unknown> = {}) => ({
  unitId: c.m.unboundOwners[0]!.unitIds[0],
  votes: [{ itemId: c.m.itemIds[0], choice: 'yes' }, { itemId: c.m.itemIds[1], approvals: [c.m.candidateIds[0]] }],
  attachmentId: c.scan,
  ...over,
});

async function enter(c: Ctx, over: Record<string, unknown> = {}) {
  const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c, over));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function castOnline(c: Ctx, who: Signed, votes: unknown[], voterKey?: string) {
  const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/ballots`, who, { voterKey, votes }, { 'idempotency-key': `k-${Math.random()}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('paper ballots', () => {
  it('convener staff: a sheet entered is pending and not counted until a second person confirms it', async () => {
    const c = await setup();
    const f = c.m.unboundOwners[0]!;
    const sheet = await enter(c);
    expect(sheet).toMatchObject({ status: 'pending', voterKey: f.voterKey, enteredBy: c.clerk.accountId, confirmedBy: null, outcome: null, attachmentId: c.scan });
    expect(sheet.votes.map((v: { status: string; receipt: string | null }) => [v.status, v.receipt])).toEqual([['pending', null], ['pending', null]]);
    expect(await currentBallots(t, c.m.meetingId, f.voterKey)).toEqual([]);
    const chain = await t.pool.query('SELECT sum(chain_length)::int AS n FROM meeting_items WHERE meeting_id = $1', [c.m.meetingId]);
    expect(chain.rows[0].n).toBe(0);
    const pending = await api(t, 'GET', `/meetings/${c.m.meetingId}/paper-ballots?status=pending`, c.checker);
    expect(pending.json().items.map((s: { id: number }) => s.id)).toEqual([sheet.id]);

    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/confirm`, c.checker);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ counted: true, outcome: 'counted' });
    expect(out.sheet).toMatchObject({ status: 'confirmed', confirmedBy: c.checker.accountId, outcome: 'counted' });
    expect(out.sheet.votes.every((v: { status: string; receipt: string }) => v.status === 'current' && /^[0-9a-f]{64}$/.test(v.receipt))).toBe(true);
    const cur = await currentBallots(t, c.m.meetingId, f.voterKey);
    expect(cur.map((b) => [b.item_id, b.channel, b.choice, b.approvals?.map(Number) ?? null])).toEqual([
      [c.m.itemIds[0], 'paper', 'yes', null], [c.m.itemIds[1], 'paper', null, [c.m.candidateIds[0]]],
    ]);
    const row = await t.pool.query('SELECT entered_by, confirmed_by, attachment_id, cast_at FROM ballots WHERE paper_sheet_id = $1', [sheet.id]);
    expect(row.rows.every((r) => Number(r.entered_by) === c.clerk.accountId && Number(r.confirmed_by) === c.checker.accountId && Number(r.attachment_id) === c.scan)).toBe(true);
    expect(await auditActions(t, 'meeting_paper_sheet', sheet.id)).toEqual(['meeting.paper.enter', 'meeting.paper.confirm']);
    const confirmed = await api(t, 'GET', `/meetings/${c.m.meetingId}/paper-ballots?status=confirmed`, c.clerk);
    expect(confirmed.json().items.map((s: { id: number }) => s.id)).toEqual([sheet.id]);
    expect((await api(t, 'GET', `/meetings/${c.m.meetingId}/paper-ballots?status=pending`, c.clerk)).json().items).toEqual([]);
  });

  it('convener staff: the tally waits for a sheet still pending at close; confirming it tallies at once and both count', async () => {
    const c = await setup();
    const [f, i] = c.m.unboundOwners;
    const confirmed = await enter(c, { unitId: f!.unitIds[0] });
    const pending = await enter(c, { unitId: i!.unitIds[0] });
    expect((await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${confirmed.id}/confirm`, c.checker)).statusCode).toBe(200);
    // the close job closes, the tally job sees a sheet waiting for its second person and looks again later
    expect(await closeMeeting(t, c.m.meetingId)).toBe('closed');
    const recheck = await t.pool.query(
      `SELECT run_at > now() AS later FROM jobs WHERE kind = 'meeting.tally' AND status = 'pending' AND payload->>'meetingId' = $1`,
      [String(c.m.meetingId)],
    );
    expect(recheck.rows.map((r) => r.later)).toEqual([true]);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM meeting_item_results WHERE meeting_id = $1', [c.m.meetingId])).rows[0].n).toBe(0);

    expect((await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${pending.id}/confirm`, c.checker)).statusCode).toBe(200);
    await runDueJobs(t);
    expect((await t.pool.query('SELECT state FROM meetings WHERE id = $1', [c.m.meetingId])).rows[0].state).toBe('tallied');
    const r = await t.pool.query('SELECT item_id, ballot_count FROM meeting_item_results WHERE meeting_id = $1 ORDER BY item_id', [c.m.meetingId]);
    expect(r.rows.map((x) => Number(x.ballot_count))).toEqual([2, 2]);
  });

  it('convener staff: rejecting the last sheet a closed meeting waits for lets the tally run', async () => {
    const c = await setup();
    const sheet = await enter(c, { unitId: c.m.unboundOwners[0]!.unitIds[0] });
    expect(await closeMeeting(t, c.m.meetingId)).toBe('closed');
    const rej = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/reject`, c.checker, { reason: '签名与名册不符' });
    expect(rej.statusCode, rej.body).toBe(200);
    await runDueJobs(t);
    expect((await t.pool.query('SELECT state FROM meetings WHERE id = $1', [c.m.meetingId])).rows[0].state).toBe('tallied');
    const r = await t.pool.query('SELECT ballot_count FROM meeting_item_results WHERE meeting_id = $1', [c.m.meetingId]);
    expect(r.rows.map((x) => Number(x.ballot_count))).toEqual([0, 0]);
  });

  it('convener staff: the person who entered a sheet cannot confirm it, and nothing changes', async () => {
    const c = await setup();
    const sheet = await enter(c);
    const before = await counts(t, c.m.meetingId);
    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/confirm`, c.clerk);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SECOND_PERSON_REQUIRED');
    expect(res.json().message).toContain('录入人以外');
    expect(await counts(t, c.m.meetingId)).toEqual(before);
    const s = await t.pool.query('SELECT status FROM meeting_paper_sheets WHERE id = $1', [sheet.id]);
    expect(s.rows[0].status).toBe('pending');
  });

  it('convener staff: three colleagues confirming one sheet at once chain its ballots exactly once', async () => {
    const c = await setup();
    const sheet = await enter(c);
    const others = [c.checker, await official(t, 'committee_secretary', c.m.estateId), await official(t, 'committee_member', c.m.estateId)];
    const res = await Promise.all(others.map((o) => api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/confirm`, o)));
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const chain = await t.pool.query('SELECT sum(chain_length)::int AS n FROM meeting_items WHERE meeting_id = $1', [c.m.meetingId]);
    expect(chain.rows[0].n).toBe(2);
    expect(await currentBallots(t, c.m.meetingId, sheet.voterKey)).toHaveLength(2);
  });

  it('convener staff: a rejected sheet never counts and cannot be confirmed afterwards', async () => {
    const c = await setup();
    const sheet = await enter(c);
    const bad = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/reject`, c.checker, { reason: '' });
    expect(bad.statusCode).toBe(400);
    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/reject`, c.checker, { reason: '签名与名册不符' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: '签名与名册不符', rejectedBy: c.checker.accountId });
    expect(res.json().votes.map((v: { status: string }) => v.status)).toEqual(['rejected', 'rejected']);
    const again = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/confirm`, c.checker);
    expect(again.statusCode).toBe(409);
    expect(await currentBallots(t, c.m.meetingId, c.m.unboundOwners[0]!.voterKey)).toEqual([]);
    expect(await auditActions(t, 'meeting_paper_sheet', sheet.id)).toEqual(['meeting.paper.enter', 'meeting.paper.reject']);
  });

  it('convener staff: one sheet per owner waits at a time; after it is handled a second sheet is allowed', async () => {
    const c = await setup();
    const first = await enter(c);
    const dup = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c, { unitId: undefined, voterKey: c.m.unboundOwners[0]!.voterKey }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain(`编号 ${first.id}`);
    await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${first.id}/reject`, c.checker, { reason: '重复录入' });
    await enter(c);
  });

  it('convener staff: a spoiled sheet (废票) counts as spoiled; an election sheet with more ticks than seats is taken as marked', async () => {
    const c = await setup();
    const sheet = await enter(c, { votes: [{ itemId: c.m.itemIds[0], choice: 'spoiled' }, { itemId: c.m.itemIds[1], approvals: c.m.candidateIds }] });
    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/confirm`, c.checker);
    expect(res.statusCode, res.body).toBe(200);
    const cur = await currentBallots(t, c.m.meetingId, sheet.voterKey);
    expect(cur.map((b) => [b.choice, b.approvals?.length ?? null])).toEqual([['spoiled', null], [null, 3]]);
  });

  it('convener staff: bad input names the field and changes nothing', async () => {
    const c = await setup();
    const other = await openMeeting(t);
    const foreignScan = await upload(t, other.convener, other.estateId, other.meetingId);
    const ownerScan = await upload(t, c.m.owner('A'), c.m.estateId, c.m.meetingId);
    const before = await counts(t, c.m.meetingId);
    const cases: [Record<string, unknown>, string][] = [
      [{ votes: [{ itemId: other.itemIds[0], choice: 'yes' }] }, 'body.votes.0.itemId'],
      [{ votes: [{ itemId: c.m.itemIds[0], choice: 'yes' }, { itemId: c.m.itemIds[0], choice: 'no' }] }, 'body.votes.1.itemId'],
      [{ votes: [{ itemId: c.m.itemIds[0] }] }, 'body.votes.0.choice'],
      [{ votes: [{ itemId: c.m.itemIds[0], choice: 'maybe' }] }, 'body.votes.0.choice'],
      [{ votes: [{ itemId: c.m.itemIds[1], choice: 'yes' }] }, 'body.votes.0.choice'],
      [{ votes: [{ itemId: c.m.itemIds[1], approvals: [other.candidateIds[0]] }] }, 'body.votes.0.approvals'],
      [{ votes: [{ itemId: c.m.itemIds[1], approvals: [c.m.candidateIds[0], c.m.candidateIds[0]] }] }, 'body.votes.0.approvals'],
      [{ votes: [] }, 'body.votes'],
      [{ attachmentId: undefined }, 'body.attachmentId'],
      [{ attachmentId: foreignScan }, 'body.attachmentId'],
      [{ attachmentId: ownerScan }, 'body.attachmentId'],
      [{ unitId: other.units[0]!.id }, 'body.unitId'],
      [{ unitId: undefined }, 'body.voterKey'],
      [{ unitId: undefined, voterKey: 'o999999' }, 'body.voterKey'],
      [{ unitId: undefined, voterKey: 'owner-1' }, 'body.voterKey'],
      [{ voterKey: c.m.owner('A').voterKey }, 'body.voterKey'],
      [{ ownerId: c.m.owner('A').ownerId }, 'body.ownerId'],
      [{ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'body.receivedAt'],
      [{ receivedAt: new Date(Date.now() - 86_400_000).toISOString() }, 'body.receivedAt'],
      [{ receivedAt: 'yesterday' }, 'body.receivedAt'],
    ];
    for (const [over, field] of cases) {
      const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c, over));
      expect(res.statusCode, `${JSON.stringify(over)} → ${res.body}`).toBe(400);
      expect(res.json().details.issues[0].field, JSON.stringify(over)).toBe(field);
    }
    expect(await counts(t, c.m.meetingId)).toEqual(before);
  });

  it('convener staff: a sheet cannot mark an item whose charging scope leaves out the owner\'s units', async () => {
    const c = await setup({
      items: [
        { kind: 'matter', matter: 6, title: '2栋电梯维修使用维修资金', scope: { buildings: ['2栋'] } },
        { kind: 'matter', matter: 1, title: '修订议事规则' },
      ],
    });
    const f = c.m.unboundOwners[0]!; // 1栋-106
    const before = await counts(t, c.m.meetingId);
    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c, { votes: [{ itemId: c.m.itemIds[0], choice: 'yes' }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ field: 'body.votes.0.itemId' });
    expect(res.json().message).toContain('表决范围');
    expect(await counts(t, c.m.meetingId)).toEqual(before);
    const i = c.m.unboundOwners[1]!; // 2栋-103: in scope
    const ok = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c, { unitId: i.unitIds[0], votes: [{ itemId: c.m.itemIds[0], choice: 'no' }, { itemId: c.m.itemIds[1], choice: 'abstain' }] }));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(f.voterKey).not.toBe(i.voterKey);
  });

  it("convener of another estate: cannot enter, list or confirm this meeting's sheets (404)", async () => {
    const c = await setup();
    const other = await openMeeting(t);
    const sheet = await enter(c);
    const stranger = other.convener;
    expect((await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, stranger, sheetBody(c))).statusCode).toBe(404);
    expect((await api(t, 'GET', `/meetings/${c.m.meetingId}/paper-ballots`, stranger)).statusCode).toBe(404);
    expect((await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/confirm`, stranger)).statusCode).toBe(404);
    // a sheet id of this meeting under the other meeting's id is not found either
    expect((await api(t, 'POST', `/meetings/${other.meetingId}/paper-ballots/${sheet.id}/confirm`, stranger)).statusCode).toBe(404);
  });

  it('convener staff: after close, a sheet received before close is entered and confirmed until the tally; one received after close is refused', async () => {
    const c = await setup();
    const closesAt = new Date(Date.now() - 60_000);
    // the close job's effect, without its tally: the window ended a minute ago
    await t.pool.query(
      `UPDATE meetings SET state = 'closed', closed_at = now(), voting_opens_at = $2::timestamptz - interval '2 days', voting_closes_at = $2 WHERE id = $1`,
      [c.m.meetingId, closesAt],
    );
    const noTime = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c));
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json().details.issues[0].field).toBe('body.receivedAt');
    const late = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c, { receivedAt: new Date(closesAt.getTime() + 1000).toISOString() }));
    expect(late.statusCode).toBe(400);
    const receivedAt = new Date(closesAt.getTime() - 3_600_000).toISOString();
    const sheet = await enter(c, { receivedAt });
    expect(sheet.receivedAt).toBe(receivedAt);
    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${sheet.id}/confirm`, c.checker);
    expect(res.statusCode, res.body).toBe(200);
    const castAt = await t.pool.query('SELECT DISTINCT cast_at FROM ballots WHERE paper_sheet_id = $1', [sheet.id]);
    expect(castAt.rows.map((r) => (r.cast_at as Date).toISOString())).toEqual([receivedAt]);

    const second = await enter(c, { unitId: c.m.unboundOwners[1]!.unitIds[0], receivedAt });
    await t.pool.query(`UPDATE meetings SET state = 'tallied', tallied_at = now() WHERE id = $1`, [c.m.meetingId]);
    const afterTally = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${second.id}/confirm`, c.checker);
    expect(afterTally.statusCode).toBe(409);
    expect(afterTally.json().message).toContain('已计票');
    const enterAfter = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c, { unitId: c.m.owner('E').unitIds[0], receivedAt }));
    expect(enterAfter.statusCode).toBe(409);
  });

  it('convener staff: no paper entry before voting opens', async () => {
    const c = await setup({ stopAt: 'notice_published' });
    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots`, c.clerk, sheetBody(c));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INVALID_TRANSITION');
  });
});

describe('paper ballots against online ballots', () => {
  const confirm = async (c: Ctx, id: number) => {
    const res = await api(t, 'POST', `/meetings/${c.m.meetingId}/paper-ballots/${id}/confirm`, c.checker);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('owner + convener staff, default profile: an online ballot already cast wins over a later paper sheet', async () => {
    const c = await setup();
    const a = c.m.owner('A');
    await castOnline(c, a, [{ itemId: c.m.itemIds[0], choice: 'no' }]);
    const sheet = await enter(c, { unitId: a.unitIds[0], votes: [{ itemId: c.m.itemIds[0], choice: 'yes' }] });
    const out = await confirm(c, sheet.id);
    expect(out).toMatchObject({ counted: false, outcome: 'overridden' });
    expect(out.message).toContain('网络投票优先');
    expect(out.sheet.votes[0].status).toBe('overridden');
    expect((await currentBallots(t, c.m.meetingId, a.voterKey)).map((b) => [b.channel, b.choice])).toEqual([['online', 'no']]);
  });

  it('convener staff + owner, default profile: an online ballot cast after a confirmed paper sheet replaces it', async () => {
    const c = await setup();
    const b = c.m.owner('B');
    const sheet = await enter(c, { unitId: b.unitIds[1], votes: [{ itemId: c.m.itemIds[0], choice: 'yes' }] });
    expect((await confirm(c, sheet.id)).counted).toBe(true);
    await castOnline(c, b, [{ itemId: c.m.itemIds[0], choice: 'abstain' }]);
    expect((await currentBallots(t, c.m.meetingId, b.voterKey)).map((x) => [x.channel, x.choice])).toEqual([['online', 'abstain']]);
    const s = await api(t, 'GET', `/meetings/${c.m.meetingId}/paper-ballots?status=confirmed`, c.clerk);
    expect(s.json().items[0].votes[0].status).toBe('overridden');
  });

  it('convener staff + owner, paper overrides online (meeting option): paper wins whichever comes first', async () => {
    const c = await setup({ options: { paperOverridesOnline: true } });
    const a = c.m.owner('A');
    await castOnline(c, a, [{ itemId: c.m.itemIds[0], choice: 'no' }]);
    const sheet = await enter(c, { unitId: a.unitIds[0], votes: [{ itemId: c.m.itemIds[0], choice: 'yes' }] });
    const out = await confirm(c, sheet.id);
    expect(out).toMatchObject({ counted: true, outcome: 'counted' });
    expect(out.message).toContain('纸质票优先');
    expect((await currentBallots(t, c.m.meetingId, a.voterKey)).map((x) => [x.channel, x.choice])).toEqual([['paper', 'yes']]);

    const e = c.m.owner('E');
    const first = await enter(c, { unitId: e.unitIds[0], votes: [{ itemId: c.m.itemIds[0], choice: 'no' }] });
    await confirm(c, first.id);
    await castOnline(c, e, [{ itemId: c.m.itemIds[0], choice: 'yes' }]);
    expect((await currentBallots(t, c.m.meetingId, e.voterKey)).map((x) => [x.channel, x.choice])).toEqual([['paper', 'no']]);
  });
});
