import crypto from 'node:crypto';
import type { MeetingItemInput } from '@gongzhi/contracts';
import { MEETING_PROFILE_RULES, objectionPeriodEndsOn, type MeetingState } from '@gongzhi/domain';
import { appendAuditMany, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import {
  endOfLocalDay, freezeRoster, jobKeys, localDate, rosterHouseholdCount, SYSTEM_ACTOR, tallyMeeting, transitionMeeting, writeItems,
} from '../meetings/index.ts';
import { DemoFiles } from './demo-files.ts';
import { castDemoBallots, type DemoHead, type DemoItem } from './meeting-ballots.ts';
import { createRng, type Rng } from './prng.ts';

// Owners' meetings of the demo (issue 3), all in 翠竹苑 (estate DEMO01, the estate of the chair,
// the member, owner1 and owner2), one at each point of a meeting's life a demo wants to show:
//   A. voting open now: renewing the property company (matter 4) and electing the committee
//      (5 seats, 7 candidates); about 40 % of the heads have voted (online, paper, one proxy);
//      owner1 has not, so the demo journey can vote; owner2 has.
//   B. result published, in its objection period: the management covenant (matter 2) and lift
//      replacement from the maintenance fund for one building (matter 5, charging scope);
//      tallied by the real tally (tallyMeeting), so results, Merkle roots and proofs are real.
//      owner1 voted in it and can check its receipt.
//   C. submitted, waiting for the street officer's approval.
//   D. a draft.
// Choices and who voted come from the seeded PRNG; times are placed around `now`.

const DAY = 86_400_000;
const ESTATE_CODE = 'DEMO01';

export interface DemoMeetingsSummary {
  meetings: number;
  ballots: number;
  paperSheets: number;
}

interface Ctx {
  db: Db;
  rng: Rng;
  now: Date;
  estateId: number;
  developerId: number | null;
  households: number;
  accounts: Record<'chair' | 'member' | 'secretary' | 'street' | 'owner1' | 'owner2', { id: number; ownerId: number | null; name: string }>;
  files: DemoFiles;
  audit: { actor: AuditActor; input: Parameters<typeof appendAuditMany>[1][number]['input'] }[];
}

export async function generateMeetings(db: Db, opts: { seed: number; now?: Date; dataDir?: string | null }): Promise<DemoMeetingsSummary> {
  const now = opts.now ?? new Date();
  const e = await db.query('SELECT id, developer_id FROM estates WHERE code = $1', [ESTATE_CODE]);
  const estateId = Number(e.rows[0].id);
  const a = await db.query(`SELECT id, username, owner_id, display_name FROM accounts WHERE username = ANY($1)`, [
    ['chair', 'member', 'secretary', 'street', 'owner1', 'owner2'],
  ]);
  const accounts = Object.fromEntries(a.rows.map((r) => [r.username, { id: Number(r.id), ownerId: r.owner_id == null ? null : Number(r.owner_id), name: r.display_name }]));
  const c: Ctx = {
    db, rng: createRng(opts.seed + 3), now, estateId, developerId: e.rows[0].developer_id == null ? null : Number(e.rows[0].developer_id),
    households: await rosterHouseholdCount(db, estateId), accounts: accounts as Ctx['accounts'], files: new DemoFiles(opts.dataDir ?? null), audit: [],
  };
  const open = await votingOpenMeeting(c);
  const published = await publishedMeeting(c);
  await submittedMeeting(c);
  await draftMeeting(c);
  await appendAuditMany(db, c.audit);
  return { meetings: 4, ballots: open.ballots + published.ballots, paperSheets: open.paperSheets + published.paperSheets };
}

const CONVENER = '翠竹苑业主委员会';

async function insertMeeting(
  c: Ctx,
  m: { title: string; description: string; state: MeetingState; opensAt: Date; closesAt: Date; createdAt: Date; items: MeetingItemInput[] },
): Promise<{ id: number; items: number[] }> {
  const r = await c.db.query(
    `INSERT INTO meetings (estate_id, title, description, convener_kind, convener_name, rules, household_count, state,
       voting_opens_at, voting_closes_at, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, 'committee', $4, 'civil-code-2021', $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
    [c.estateId, m.title, m.description, CONVENER, c.households, m.state, m.opensAt, m.closesAt, c.accounts.chair.id, m.createdAt],
  );
  const id = Number(r.rows[0].id);
  const items = await writeItems(c.db, id, m.items);
  const chair: AuditActor = { accountId: c.accounts.chair.id, role: 'committee_chair', ip: null };
  c.audit.push({ actor: chair, input: { action: 'meeting.create', targetType: 'meeting', targetId: id, estateId: c.estateId, summary: { title: m.title, demo: true } } });
  return { id, items };
}

/** Approved, notice published (roster frozen) `noticeAt`, as the lifecycle would have left it. */
async function publishNotice(c: Ctx, meetingId: number, noticeAt: Date, state: MeetingState): Promise<void> {
  await freezeRoster(c.db, { meetingId, estateId: c.estateId, developerOwnerId: c.developerId });
  await c.db.query(
    `UPDATE meetings SET state = $2, notice_published_at = $3, notice_published_on = $4, developer_owner_id = $5, pseudonym_salt = $6
      WHERE id = $1`,
    [meetingId, state, noticeAt, localDate(noticeAt), c.developerId, crypto.randomBytes(32).toString('hex')],
  );
  const chair: AuditActor = { accountId: c.accounts.chair.id, role: 'committee_chair', ip: null };
  const street: AuditActor = { accountId: c.accounts.street.id, role: 'street_officer', ip: null };
  for (const [actor, action] of [[chair, 'submit'], [street, 'approve'], [chair, 'publish_notice'], [SYSTEM_ACTOR, 'open_voting']] as const) {
    c.audit.push({ actor, input: { action: `meeting.${action}`, targetType: 'meeting', targetId: meetingId, estateId: c.estateId, summary: { demo: true } } });
  }
}

async function rosterHeads(c: Ctx, meetingId: number): Promise<DemoHead[]> {
  const r = await c.db.query(
    `SELECT voter_key, array_agg(DISTINCT o) AS owner_ids, array_agg(DISTINCT building) AS buildings
       FROM meeting_roster_units, unnest(owner_ids) AS o
      WHERE meeting_id = $1 AND voter_key IS NOT NULL AND ($2::text IS NULL OR voter_key <> 'o' || $2::text)
      GROUP BY voter_key ORDER BY voter_key`,
    [meetingId, c.developerId == null ? null : String(c.developerId)],
  );
  return r.rows.map((x) => ({ voterKey: x.voter_key, ownerIds: x.owner_ids.map(Number).sort((p: number, q: number) => p - q), buildings: x.buildings }));
}

async function demoItems(c: Ctx, itemIds: number[]): Promise<DemoItem[]> {
  const r = await c.db.query(
    `SELECT i.id, i.kind, i.seats, i.scope, ARRAY(SELECT id FROM meeting_candidates WHERE item_id = i.id ORDER BY position) AS cands
       FROM meeting_items i WHERE i.id = ANY($1) ORDER BY i.position`,
    [itemIds],
  );
  return r.rows.map((x) => ({
    id: Number(x.id), kind: x.kind, seats: x.seats, candidateIds: x.cands.map(Number), buildings: x.scope?.buildings ?? null,
  }));
}

/** The voter key of an account's own (bound) units in a meeting. */
async function voterKeyOf(c: Ctx, meetingId: number, ownerId: number | null): Promise<string | null> {
  if (ownerId == null) return null;
  const r = await c.db.query(`SELECT voter_key FROM meeting_roster_units WHERE meeting_id = $1 AND $2 = ANY(owner_ids) LIMIT 1`, [meetingId, ownerId]);
  return r.rows[0]?.voter_key ?? null;
}

/** Seven candidates: the chair, the member, and five other owners of the estate. */
async function candidates(c: Ctx): Promise<NonNullable<MeetingItemInput['candidates']>> {
  const r = await c.db.query(
    `SELECT o.id, o.name FROM owners o WHERE o.kind = 'person' AND o.id NOT IN ($2, $3) AND EXISTS
       (SELECT 1 FROM ownerships s WHERE s.owner_id = o.id AND s.estate_id = $1 AND s.valid_to IS NULL) ORDER BY o.id LIMIT 400`,
    [c.estateId, c.accounts.chair.ownerId, c.accounts.member.ownerId],
  );
  const others = Array.from({ length: 5 }, () => r.rows.splice(c.rng.int(0, r.rows.length - 1), 1)[0]);
  const people = [
    { id: c.accounts.chair.ownerId, name: c.accounts.chair.name, statement: '现任业委会主任，连任一届。主持完成电梯加装、停车管理改造。' },
    { id: c.accounts.member.ownerId, name: c.accounts.member.name, statement: '现任业委会委员，负责维修资金台账公开。' },
    ...others.map((o, i) => ({
      id: Number(o.id), name: o.name as string,
      statement: ['退休会计，愿意协助审核物业收支。', '律师，熟悉物业管理法规。', '小学教师，关注小区环境和儿童活动空间。', '工程师，曾参与本小区消防设施检查。', '个体经营者，时间充裕，愿意为邻里服务。'][i]!,
    })),
  ];
  return people.map((p) => ({ name: p.name, ownerId: p.id ?? undefined, statement: p.statement }));
}

async function votingOpenMeeting(c: Ctx) {
  const opensAt = new Date(c.now.getTime() - 3 * DAY);
  const closesAt = new Date(c.now.getTime() + 11 * DAY);
  const m = await insertMeeting(c, {
    title: '翠竹苑2026年第一次业主大会',
    description: '本次会议表决续聘物业服务企业，并选举第三届业主委员会委员。请各位业主在投票截止前完成投票。',
    state: 'draft', opensAt, closesAt, createdAt: new Date(opensAt.getTime() - 25 * DAY),
    items: [
      {
        kind: 'matter', matter: 4, title: '续聘示范市安居物业服务有限公司为本小区物业服务企业',
        description: '续聘期三年，物业服务费标准维持每月每平方米2.20元不变；服务质量评价每年向全体业主公布一次。',
      },
      { kind: 'election', title: '选举第三届业主委员会委员', description: '应选5名，每位业主最多可选5名候选人。', seats: 5, candidates: await candidates(c) },
    ],
  });
  await publishNotice(c, m.id, new Date(opensAt.getTime() - 18 * DAY), 'voting_open');
  await enqueueJob(c.db, { kind: 'meeting.close', payload: { meetingId: m.id }, runAt: closesAt, dedupeKey: jobKeys.close(m.id, closesAt) });
  const own = new Map<string, number>();
  for (const u of ['owner2', 'member'] as const) {
    const k = await voterKeyOf(c, m.id, c.accounts[u].ownerId);
    if (k) own.set(k, c.accounts[u].id);
  }
  const owner1 = await voterKeyOf(c, m.id, c.accounts.owner1.ownerId);
  return castDemoBallots({
    db: c.db, rng: c.rng, meetingId: m.id, estateId: c.estateId, items: await demoItems(c, m.items), heads: await rosterHeads(c, m.id),
    from: opensAt, to: new Date(c.now.getTime() - 600_000), turnout: 0.42, paperShare: 0.08, yesShare: 0.74,
    popularity: [0.82, 0.71, 0.66, 0.58, 0.52, 0.31, 0.22], exclude: new Set(owner1 ? [owner1] : []), ownAccounts: own,
    staff: { enteredBy: c.accounts.secretary.id, confirmedBy: c.accounts.chair.id },
    proxy: { holderAccountId: c.accounts.member.id, holderName: c.accounts.member.name, convenerAccountId: c.accounts.chair.id },
    pendingSheets: 2, burst: true, files: c.files, now: c.now,
  });
}

async function publishedMeeting(c: Ctx) {
  const opensAt = new Date(c.now.getTime() - 24 * DAY);
  const closesAt = new Date(c.now.getTime() - 10 * DAY);
  const m = await insertMeeting(c, {
    title: '翠竹苑2025年第二次业主大会',
    description: '修订《翠竹苑管理规约》，并表决使用专项维修资金更换3号楼电梯。',
    state: 'draft', opensAt, closesAt, createdAt: new Date(opensAt.getTime() - 24 * DAY),
    items: [
      {
        kind: 'matter', matter: 2, title: '修订《翠竹苑管理规约》',
        description: '主要修订：电动自行车禁止进入楼道充电；装修施工时间调整为工作日8:00—12:00、14:00—18:00。',
      },
      {
        kind: 'matter', matter: 5, title: '使用专项维修资金更换3号楼两部电梯',
        description: '预算合计人民币68.4万元，由3号楼业主分摊的专项维修资金列支。仅3号楼业主参与表决。', scope: { buildings: ['3号楼'] },
      },
    ],
  });
  await publishNotice(c, m.id, new Date(opensAt.getTime() - 17 * DAY), 'voting_open');
  const own = new Map<string, number>();
  for (const u of ['owner1', 'owner2', 'member'] as const) {
    const k = await voterKeyOf(c, m.id, c.accounts[u].ownerId);
    if (k) own.set(k, c.accounts[u].id);
  }
  const summary = await castDemoBallots({
    db: c.db, rng: c.rng, meetingId: m.id, estateId: c.estateId, items: await demoItems(c, m.items), heads: await rosterHeads(c, m.id),
    from: opensAt, to: new Date(closesAt.getTime() - 60_000), turnout: 0.79, paperShare: 0.12, yesShare: 0.8,
    popularity: [], exclude: new Set(), ownAccounts: own, staff: { enteredBy: c.accounts.secretary.id, confirmedBy: c.accounts.chair.id },
    pendingSheets: 0, burst: false, files: c.files, now: closesAt,
  });
  // the lifecycle from here on is the real one: close, tally (engine + Merkle roots), publish,
  // objection period with its durable 'finalise' job
  const closedAt = new Date(closesAt.getTime() + 60_000);
  await transitionMeeting(c.db, { meetingId: m.id, action: 'close', actor: 'system', ctxActor: SYSTEM_ACTOR, now: closedAt });
  await tallyMeeting(c.db, m.id, { now: new Date(closedAt.getTime() + 120_000) });
  const publishedAt = new Date(c.now.getTime() - 2 * DAY);
  const chair: AuditActor = { accountId: c.accounts.chair.id, role: 'committee_chair', ip: null };
  await transitionMeeting(c.db, { meetingId: m.id, action: 'publish_result', actor: 'convener', ctxActor: chair, now: publishedAt });
  const endsAt = endOfLocalDay(objectionPeriodEndsOn(localDate(publishedAt), MEETING_PROFILE_RULES['civil-code-2021']));
  await c.db.query('UPDATE meetings SET objection_ends_at = $2 WHERE id = $1', [m.id, endsAt]);
  await transitionMeeting(c.db, { meetingId: m.id, action: 'start_objection_period', actor: 'system', ctxActor: SYSTEM_ACTOR, now: publishedAt });
  await enqueueJob(c.db, { kind: 'meeting.finalise', payload: { meetingId: m.id }, runAt: endsAt, dedupeKey: jobKeys.finalise(m.id, endsAt) });
  return summary;
}

async function submittedMeeting(c: Ctx) {
  const opensAt = new Date(c.now.getTime() + 30 * DAY);
  const m = await insertMeeting(c, {
    title: '关于增设电动自行车集中充电设施的业主大会',
    description: '拟在地面停车场东侧绿化带改建电动自行车集中充电车棚（约120个充电位），由物业服务企业运营，收益归全体业主共有。',
    state: 'submitted', opensAt, closesAt: new Date(opensAt.getTime() + 14 * DAY), createdAt: new Date(c.now.getTime() - 3 * DAY),
    items: [
      { kind: 'matter', matter: 8, title: '改建东侧绿化带为电动自行车集中充电车棚', description: '改变共有部分用途，需经参与表决专有部分面积四分之三以上且人数四分之三以上的业主同意。' },
      { kind: 'matter', matter: 9, title: '充电设施经营收益归全体业主共有，纳入公共收益账户', description: '' },
    ],
  });
  const chair: AuditActor = { accountId: c.accounts.chair.id, role: 'committee_chair', ip: null };
  c.audit.push({ actor: chair, input: { action: 'meeting.submit', targetType: 'meeting', targetId: m.id, estateId: c.estateId, summary: { demo: true } } });
}

async function draftMeeting(c: Ctx) {
  const opensAt = new Date(c.now.getTime() + 45 * DAY);
  await insertMeeting(c, {
    title: '关于公开选聘停车场管理单位的业主大会（草稿）',
    description: '草稿：招标文件仍在征求意见。',
    state: 'draft', opensAt, closesAt: new Date(opensAt.getTime() + 10 * DAY), createdAt: new Date(c.now.getTime() - DAY),
    items: [{ kind: 'matter', matter: 9, title: '公开选聘地下停车场管理单位', description: '' }],
  });
}
