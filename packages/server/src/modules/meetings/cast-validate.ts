import type { CastBallotBody, CastBallotResponse } from '@gongzhi/contracts';
import { isRuleProfileId, RULE_PROFILES, type Choice } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { fieldErrors } from './meeting-errors.ts';
import { grantsSql, toGrant, type VoterKeyGrant } from './voter-keys.ts';

// Everything a cast is checked against BEFORE it joins a write batch, on the request's own
// connection and in one statement: a bad cast is refused here and never reaches (or fails)
// anyone else's batch. The batch re-checks only what can change in between (the window, a final
// ballot, the key) under its locks.

export interface CastMeeting {
  id: number;
  estateId: number;
  state: string;
  votingOpensAt: Date;
  votingClosesAt: Date;
  allowChange: boolean;
}

export interface PreparedVote {
  itemId: number;
  choice?: Choice;
  approvals?: number[];
}

export interface PreparedCast {
  meeting: CastMeeting;
  grant: VoterKeyGrant;
  votes: PreparedVote[];
}

interface ItemInfo { id: number; kind: 'matter' | 'election'; seats: number | null; candidates: number[] }

/** Refuses a cast outside the voting window (also re-checked inside the batch). */
export function assertVotingOpen(m: CastMeeting, now: Date): void {
  const details = { state: m.state, votingOpensAt: m.votingOpensAt.toISOString(), votingClosesAt: m.votingClosesAt.toISOString() };
  if (m.state === 'voting_open' && now >= m.votingOpensAt && now < m.votingClosesAt) return;
  const fmt = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const message = now < m.votingOpensAt && ['notice_published', 'voting_open', 'approved'].includes(m.state)
    ? `投票尚未开始，开始时间为 ${fmt(m.votingOpensAt)}`
    : now >= m.votingClosesAt || ['closed', 'tallied', 'result_published', 'objection_period', 'final'].includes(m.state)
      ? `投票已于 ${fmt(m.votingClosesAt)} 截止，不能再投票`
      : m.state === 'cancelled' ? '会议已取消，不能投票' : '会议不在投票阶段，不能投票';
  throw new AppError('VOTING_NOT_OPEN', { message, details });
}

/** What one cast needs to know, read in ONE statement (this runs for every cast): the meeting,
 *  its items and candidates, the caller's heads, a stored answer for the key, and (first ballot
 *  final) the items the caller's heads already voted online. */
const CAST_CONTEXT_SQL = `
  WITH g AS (${grantsSql('$1', '$2')})
  SELECT m.id, m.estate_id, m.state, m.voting_opens_at, m.voting_closes_at, m.allow_change, m.rules,
         (SELECT coalesce(json_agg(json_build_object('id', i.id, 'kind', i.kind, 'seats', i.seats,
             'candidates', (SELECT coalesce(json_agg(c.id), '[]'::json) FROM meeting_candidates c WHERE c.item_id = i.id))), '[]'::json)
            FROM meeting_items i WHERE i.meeting_id = m.id) AS items,
         (SELECT coalesce(json_agg(g), '[]'::json) FROM g) AS grants,
         CASE WHEN NOT m.allow_change THEN (
           SELECT coalesce(json_agg(json_build_object('itemId', b.item_id, 'voterKey', b.voter_key)), '[]'::json)
             FROM ballots b WHERE b.item_id IN (SELECT id FROM meeting_items WHERE meeting_id = m.id)
              AND b.voter_key IN (SELECT voter_key FROM g) AND b.status = 'current' AND b.channel = 'online') END AS online_votes,
         r.request_hash, r.response
    FROM (SELECT 1) one
    LEFT JOIN meetings m ON m.id = $1
    LEFT JOIN ballot_requests r ON r.account_id = $2 AND r.idempotency_key = $3`;

export type CastPlan = { kind: 'replay'; response: CastBallotResponse } | { kind: 'cast'; prepared: PreparedCast };

/** The stored answer for a replayed key, or the validated cast; throws a refusal otherwise. */
export async function prepareCast(
  db: Db, ctx: RequestContext, meetingId: number, body: CastBallotBody, now: Date, idem: { key: string; requestHash: string },
): Promise<CastPlan> {
  // named: planned once per connection (the pool forces generic plans), not on every cast
  const row = (await db.query({ name: 'meeting_cast_context', text: CAST_CONTEXT_SQL, values: [meetingId, ctx.accountId, idem.key] })).rows[0];
  // a replay is answered as first answered, whatever happened since (even after the close)
  if (row.request_hash != null) {
    if (row.request_hash !== idem.requestHash) throw idempotencyConflict();
    return { kind: 'replay', response: row.response as CastBallotResponse };
  }
  const grants = row.id == null ? [] : (row.grants as Record<string, unknown>[]).map(toGrant);
  // one answer for "no such meeting" and "no vote in it": an outsider learns nothing
  if (row.id == null || grants.length === 0) {
    throw new AppError('NOT_FOUND', { message: '会议不存在，或您不在本次会议的投票名册中（需已通过审核的房屋绑定或经批准的委托）' });
  }
  const meeting: CastMeeting = {
    id: Number(row.id), estateId: Number(row.estate_id), state: row.state, votingOpensAt: new Date(row.voting_opens_at),
    votingClosesAt: new Date(row.voting_closes_at), allowChange: row.allow_change,
  };
  assertVotingOpen(meeting, now);

  let grant: VoterKeyGrant | undefined;
  if (body.voterKey) {
    grant = grants.find((g) => g.voterKey === body.voterKey);
    if (!grant) throw new AppError('FORBIDDEN', { message: '您不能为该业主投票：既不是其本人（或共有人），也没有经批准的委托', details: { field: 'body.voterKey' } });
  } else if (grants.length === 1) {
    grant = grants[0]!;
  } else {
    throw fieldError('body.voterKey', `您可以为 ${grants.length} 位业主投票，请指明为哪一位投票`);
  }

  // A profile where only a co-owned unit's designated voter may vote (ningbo-2021, 宁波 第18条):
  // the registry records no designated voter yet, so such a ballot could never count. Refuse it
  // plainly rather than acknowledge a ballot the tally would set aside.
  const rules: unknown = row.rules;
  if (isRuleProfileId(rules) && RULE_PROFILES[rules].coOwnerVoting === 'designated' && grant.voterKey.includes('&') && grant.via === 'owner') {
    throw new AppError('FORBIDDEN', {
      message: '本次会议适用的表决规则规定：共有房屋只能由共有人指定的代表投票，平台尚未登记指定代表，请联系召集人',
      details: { field: 'body.voterKey', voterKey: grant.voterKey },
    });
  }

  const items = new Map<number, ItemInfo>((row.items as ItemInfo[]).map((i) => [Number(i.id), { ...i, id: Number(i.id), candidates: i.candidates.map(Number) }]));
  const issues: Array<{ field: string; message: string }> = [];
  const seen = new Set<number>();
  const votes: PreparedVote[] = [];
  body.votes.forEach((v, i) => {
    const f = `body.votes.${i}`;
    const item = items.get(v.itemId);
    if (!item) return issues.push({ field: `${f}.itemId`, message: '该议题不在本次会议的公告中，不能表决' });
    if (seen.has(v.itemId)) return issues.push({ field: `${f}.itemId`, message: '同一议题只能提交一次表决' });
    seen.add(v.itemId);
    if (item.kind === 'matter') {
      if (v.approvals !== undefined) return issues.push({ field: `${f}.approvals`, message: '表决事项不能选择候选人' });
      if (!v.choice) return issues.push({ field: `${f}.choice`, message: '请选择同意、反对或弃权' });
      return votes.push({ itemId: v.itemId, choice: v.choice });
    }
    if (v.choice !== undefined) return issues.push({ field: `${f}.choice`, message: '选举事项请选择候选人，而不是同意/反对' });
    if (!v.approvals) return issues.push({ field: `${f}.approvals`, message: '请选择候选人（可以不选任何人）' });
    const set = new Set(v.approvals);
    if (set.size !== v.approvals.length) return issues.push({ field: `${f}.approvals`, message: '同一候选人只能选择一次' });
    if (set.size > item.seats!) return issues.push({ field: `${f}.approvals`, message: `最多选择 ${item.seats} 名候选人（应选名额），您选择了 ${set.size} 名` });
    const bad = v.approvals.filter((c) => !item.candidates.includes(c));
    if (bad.length) return issues.push({ field: `${f}.approvals`, message: `不是本议题的候选人：${bad.join('、')}` });
    return votes.push({ itemId: v.itemId, approvals: [...v.approvals] });
  });
  if (issues.length) throw fieldErrors(issues);

  if (!meeting.allowChange) {
    const voted = (row.online_votes as Array<{ itemId: number; voterKey: string }>)
      .filter((b) => b.voterKey === grant!.voterKey && votes.some((v) => v.itemId === Number(b.itemId))).map((b) => Number(b.itemId));
    if (voted.length) throw finalError(voted);
  }
  return { kind: 'cast', prepared: { meeting, grant, votes } };
}

export const idempotencyConflict = () =>
  new AppError('IDEMPOTENCY_KEY_REUSED', { message: '该请求编号（Idempotency-Key）已用于另一份不同内容的投票；请为新的投票使用新的编号' });

export const finalError = (itemIds: number[]) =>
  new AppError('BALLOT_FINAL', { message: '本次会议规定投票后不能更改，您已对该议题投过票', details: { itemIds } });
