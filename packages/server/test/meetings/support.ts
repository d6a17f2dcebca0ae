import type { Role } from '@gongzhi/contracts';
import { allJobHandlers } from '../../src/app.ts';
import { JobRunner, type RunOutcome } from '../../src/platform/jobs/index.ts';
import {
  createBuilding, createCommittee, createEstate, createOrganisationOwner, createOwner, createOwnership, createRegionTree,
  bindApproved, createUnit, signedInAs, uniq,
} from '../support/factories.ts';
import type { TestApp } from '../support/test-app.ts';

// THE shared helper of the meetings tests (issue 3): a small estate with a meeting open for voting.
//
// The estate (翠竹苑-like, 12 units in two buildings):
//   1栋 101 ownerA (sole) · 102 + 103 ownerB (two units, one head) · 104 ownerC & ownerD (co-owned,
//   one head 'oC&oD') · 105 ownerE · 106 ownerF (unbound: has no account)
//   2栋 101 ownerG · 102 ownerH · 103 ownerI (unbound) · 104 unsold · 105 unsold · 106 undelivered
//   (104–106 belong to the developer's single head 'o<developer id>')
// Heads: A, B, C&D, E, F, G, H, I, developer = 9 (the declared household count).
// Accounts: a bound owner account for A, B, C, D, E, G, H (each with an approved binding to each of
// its units); a committee chair (the convener, committee in office); a street officer (approves).
//
// Time travel: the API refuses a voting window that opens less than 15 days after the notice, so
// the meeting is created with the window 16–23 days ahead, taken through submit → approve →
// publish-notice by HTTP, and then its stored times are moved into the past with SQL
// (meetings.voting_opens_at, and the run_at of its 'meeting.open_voting' job) and the due jobs are
// run with a JobRunner over allJobHandlers() — exactly what the server's runner would do when the
// moment came. `closeMeeting` does the same with voting_closes_at and the 'meeting.close' job.

export interface Signed { accountId: number; cookie: string }
export interface TestOwner extends Signed {
  /** A, B, C, D, E, G, H */
  name: string;
  ownerId: number;
  voterKey: string;
  unitIds: number[];
}
export interface TestUnit { id: number; building: string; number: string; status: string; ownerIds: number[] }

export interface OpenMeetingOptions {
  rules?: 'civil-code-2021' | 'shanghai-2020' | 'ningbo-2021';
  allowChange?: boolean;
  interimVisible?: boolean;
  options?: Record<string, unknown>;
  /** replaces the default items (a matter-1 item and a 2-seat election with 3 candidates) */
  items?: unknown[];
  /** where to stop (default 'voting_open') */
  stopAt?: 'draft' | 'submitted' | 'approved' | 'notice_published' | 'voting_open';
}

export interface OpenedMeeting {
  meetingId: number;
  estateId: number;
  streetId: number;
  communityId: number;
  buildingIds: number[];
  units: TestUnit[];
  /** in item order: [matter item, election item] with the default items */
  itemIds: number[];
  /** the election item's candidate ids, in order */
  candidateIds: number[];
  developer: { ownerId: number; voterKey: string };
  convener: Signed;
  street: Signed;
  owners: TestOwner[];
  /** owners that have no account: F, I */
  unboundOwners: { name: string; ownerId: number; voterKey: string; unitIds: number[] }[];
  owner(name: string): TestOwner;
}

/** Runs every due job (open/close/tally/notice…) until none is due; returns what ran. */
export async function runDueJobs(t: TestApp, runner = new JobRunner({ pool: t.pool, handlers: allJobHandlers(), instanceId: 'test' })): Promise<RunOutcome[]> {
  const ran: RunOutcome[] = [];
  for (let i = 0; i < 100; i++) {
    const r = await runner.runDueOnce();
    if (!r) return ran;
    ran.push(r);
  }
  throw new Error('runDueJobs: more than 100 jobs ran — a job keeps rescheduling itself');
}

const api = (t: TestApp, method: string, url: string, cookie: string, body?: unknown) => t.request({ method, url: `/api/v1${url}`, cookie, body });

async function expectOk(res: Awaited<ReturnType<TestApp['request']>>, what: string) {
  if (res.statusCode !== 200) throw new Error(`${what} failed ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** An account with a role, signed in. */
export async function official(t: TestApp, role: Role, scopeId: number): Promise<Signed> {
  const s = await signedInAs(t, { role, scopeId });
  return { accountId: s.accountId, cookie: s.cookie };
}

/** A meeting body valid for the helper's estate: window 16–23 days ahead. */
export function meetingBody(estateId: number, over: Record<string, unknown> = {}) {
  const day = 86_400_000;
  return {
    estateId,
    title: `业主大会会议${uniq()}`,
    description: '审议物业服务合同并选举业主委员会委员',
    convenerKind: 'committee',
    convenerName: '第一届业主委员会',
    rules: 'civil-code-2021',
    householdCount: 9,
    votingOpensAt: new Date(Date.now() + 16 * day).toISOString(),
    votingClosesAt: new Date(Date.now() + 23 * day).toISOString(),
    items: [
      { kind: 'matter', matter: 1, title: '修订业主大会议事规则' },
      { kind: 'election', title: '选举业主委员会委员', seats: 2, candidates: [{ name: '王一' }, { name: '李二' }, { name: '赵三' }] },
    ],
    ...over,
  };
}

/** The estate, people and accounts of the helper, without a meeting. */
export async function buildEstate(t: TestApp) {
  const pool = t.pool;
  const region = await createRegionTree(pool);
  const estateId = await createEstate(pool, { communityId: region.communityId });
  const developerId = await createOrganisationOwner(pool, { name: '测试置业有限公司', creditCode: uniq('DEV'), isDeveloper: true });
  await pool.query('UPDATE estates SET developer_id = $2 WHERE id = $1', [estateId, developerId]);
  await createCommittee(pool, { estateId });
  const b1 = await createBuilding(pool, { estateId, name: '1栋' });
  const b2 = await createBuilding(pool, { estateId, name: '2栋' });
  const ownerIds: Record<string, number> = {};
  for (const n of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']) ownerIds[n] = await createOwner(pool, { name: `业主${n}${uniq()}` });
  const plan: [number, string, string, string[]][] = [
    [b1, '1栋', '101', ['A']], [b1, '1栋', '102', ['B']], [b1, '1栋', '103', ['B']], [b1, '1栋', '104', ['C', 'D']],
    [b1, '1栋', '105', ['E']], [b1, '1栋', '106', ['F']],
    [b2, '2栋', '101', ['G']], [b2, '2栋', '102', ['H']], [b2, '2栋', '103', ['I']],
    [b2, '2栋', '104', []], [b2, '2栋', '105', []], [b2, '2栋', '106', []],
  ];
  const units: TestUnit[] = [];
  for (const [buildingId, building, number, owners] of plan) {
    const status = owners.length ? 'sold' : number === '106' ? 'undelivered' : 'unsold';
    const id = await createUnit(pool, { estateId, buildingId, number, status, areaCenti: 8000 + units.length * 125 });
    for (const o of owners) await createOwnership(pool, { unitId: id, ownerId: ownerIds[o]! });
    units.push({ id, building, number, status, ownerIds: owners.map((o) => ownerIds[o]!) });
  }
  const unitsOf = (n: string) => units.filter((u) => u.ownerIds.includes(ownerIds[n]!)).map((u) => u.id);
  const keyOf = (n: string) => (n === 'C' || n === 'D'
    ? [ownerIds.C!, ownerIds.D!].sort((x, y) => x - y).map((x) => `o${x}`).join('&')
    : `o${ownerIds[n]}`);
  const owners: TestOwner[] = [];
  for (const n of ['A', 'B', 'C', 'D', 'E', 'G', 'H']) {
    const s = await signedInAs(t, { role: 'owner' }, { ownerId: ownerIds[n] });
    await bindApproved(pool, { accountId: s.accountId, ownerId: ownerIds[n]!, estateId, unitIds: unitsOf(n) });
    owners.push({ name: n, accountId: s.accountId, cookie: s.cookie, ownerId: ownerIds[n]!, voterKey: keyOf(n), unitIds: unitsOf(n) });
  }
  const unboundOwners = ['F', 'I'].map((n) => ({ name: n, ownerId: ownerIds[n]!, voterKey: keyOf(n), unitIds: unitsOf(n) }));
  const convener = await official(t, 'committee_chair', estateId);
  const street = await official(t, 'street_officer', region.streetId);
  return {
    estateId, streetId: region.streetId, communityId: region.communityId, buildingIds: [b1, b2], units, owners, unboundOwners,
    developer: { ownerId: developerId, voterKey: `o${developerId}` }, convener, street,
  };
}

/** Builds the estate and takes a meeting through the API to `opts.stopAt` (default voting_open). */
export async function openMeeting(t: TestApp, opts: OpenMeetingOptions = {}): Promise<OpenedMeeting> {
  const e = await buildEstate(t);
  const stopAt = opts.stopAt ?? 'voting_open';
  const body = meetingBody(e.estateId, {
    rules: opts.rules ?? 'civil-code-2021',
    ...(opts.allowChange !== undefined ? { allowChange: opts.allowChange } : {}),
    ...(opts.interimVisible !== undefined ? { interimVisible: opts.interimVisible } : {}),
    ...(opts.options ? { options: opts.options } : {}),
    ...(opts.items ? { items: opts.items } : {}),
  });
  const { id: meetingId } = await expectOk(await api(t, 'POST', '/meetings', e.convener.cookie, body), 'create meeting');
  const steps: [string, string, Signed][] = [
    ['submitted', 'submit', e.convener], ['approved', 'approve', e.street], ['notice_published', 'publish-notice', e.convener],
  ];
  const order = ['draft', 'submitted', 'approved', 'notice_published', 'voting_open'];
  for (const [state, path, who] of steps) {
    if (order.indexOf(stopAt) < order.indexOf(state)) break;
    await expectOk(await api(t, 'POST', `/meetings/${meetingId}/${path}`, who.cookie, {}), path);
  }
  if (stopAt === 'voting_open') await openVotingNow(t, meetingId);
  const items = await t.pool.query('SELECT id FROM meeting_items WHERE meeting_id = $1 ORDER BY position', [meetingId]);
  const cands = await t.pool.query(
    `SELECT c.id FROM meeting_candidates c JOIN meeting_items i ON i.id = c.item_id WHERE i.meeting_id = $1 ORDER BY i.position, c.position`,
    [meetingId],
  );
  return {
    ...e, meetingId,
    itemIds: items.rows.map((r) => Number(r.id)),
    candidateIds: cands.rows.map((r) => Number(r.id)),
    owner: (name) => {
      const o = e.owners.find((x) => x.name === name);
      if (!o) throw new Error(`no bound owner ${name}`);
      return o;
    },
  };
}

/** Moves a notice_published meeting's opening into the past and runs the due jobs: voting_open. */
export async function openVotingNow(t: TestApp, meetingId: number): Promise<void> {
  await t.pool.query(`UPDATE meetings SET voting_opens_at = now() - interval '1 minute' WHERE id = $1`, [meetingId]);
  await t.pool.query(
    `UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.open_voting' AND status = 'pending' AND payload->>'meetingId' = $1`,
    [String(meetingId)],
  );
  await runDueJobs(t);
  const r = await t.pool.query('SELECT state FROM meetings WHERE id = $1', [meetingId]);
  if (r.rows[0].state !== 'voting_open') throw new Error(`openVotingNow: meeting ${meetingId} is ${r.rows[0].state}`);
}

/** Ends the voting window now and runs the due jobs: 'meeting.close' closes the meeting and
 *  enqueues 'meeting.tally', which runs too (when its handler exists) — so the meeting ends
 *  'closed' or 'tallied'. Returns the state it ended in. */
export async function closeMeeting(t: TestApp, meetingId: number): Promise<string> {
  await t.pool.query(
    `UPDATE meetings SET voting_opens_at = LEAST(voting_opens_at, now() - interval '2 seconds'),
                         voting_closes_at = now() - interval '1 second' WHERE id = $1`,
    [meetingId],
  );
  await t.pool.query(
    `UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.close' AND status = 'pending' AND payload->>'meetingId' = $1`,
    [String(meetingId)],
  );
  await runDueJobs(t);
  const r = await t.pool.query('SELECT state FROM meetings WHERE id = $1', [meetingId]);
  return String(r.rows[0].state);
}
