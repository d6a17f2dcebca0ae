import type { CastBallotBody, CastBallotResponse } from '@gongzhi/contracts';
import { isRuleProfileId, RULE_PROFILES, type Choice } from '@gongzhi/domain';
import type { AuditActor } from '../../platform/audit.ts';
import { judgeSession, type SessionRow } from '../../platform/auth/session.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { zhDateTime } from './meeting-dates.ts';
import { fieldErrors } from './meeting-errors.ts';
import { grantsSql, toGrant, type VoterKeyGrant } from './voter-keys.ts';

// Everything a cast is checked against before it is written, for a whole write batch at once
// (cast-ballots.ts): one statement on the batch's connection instead of one per request, which
// left 50 backends competing for the CPU the single writer needs. A bad cast is refused here and
// never fails anyone else's write. The write re-checks under its locks only what can change in
// between (the window, a final ballot, the key).

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
  const message = now < m.votingOpensAt && ['notice_published', 'voting_open', 'approved'].includes(m.state)
    ? `投票尚未开始，开始时间为 ${zhDateTime(m.votingOpensAt)}`
    : now >= m.votingClosesAt || ['closed', 'tallied', 'result_published', 'objection_period', 'final'].includes(m.state)
      ? `投票已于 ${zhDateTime(m.votingClosesAt)} 截止，不能再投票`
      : m.state === 'cancelled' ? '会议已取消，不能投票' : '会议不在投票阶段，不能投票';
  throw new AppError('VOTING_NOT_OPEN', { message, details });
}

/** One cast request as it joins the write queue (no database work has been done for it yet, not
 *  even the session lookup: the route defers authentication to this check, route.ts deferAuth). */
export interface CastRequest {
  /** sha256 of the session cookie */
  sid: string;
  ip: string;
  meetingId: number;
  body: CastBallotBody;
  key: string;
  requestHash: string;
}

export type CastCheck =
  | { kind: 'replay'; response: CastBallotResponse }
  | { kind: 'cast'; prepared: PreparedCast; actor: AuditActor }
  | { kind: 'error'; error: unknown };

export interface CastChecks {
  checks: CastCheck[];
  /** sessions to touch (idle clock) and to revoke (found expired), as the request hook would */
  touch: string[];
  revoke: string[];
}

/** What the casts of one batch need to know, read in ONE statement for the whole batch: per
 *  request its session (as the request hook reads it), the meeting's state and window, the
 *  caller's heads (voter-keys.ts, the one rule) and a stored answer for its key. Set-based: a
 *  batch of 40 casts is one round trip and one plan instead of 80. */
// Each lookup is a LATERAL subquery with LIMIT 1, so the plan probes each table's index once per
// request whatever the batch's size (run on the batcher's connection, seq scans off: the named
// statement's plan is made once and must not scan a table that has grown since).
const CAST_CHECK_SQL = `
  SELECT j.i, s.account_id, s.active_grant_id, s.mfa_passed, s.created_at, s.last_seen_at, s.revoked_at,
         s.disabled, s.role, s.scope_kind, s.scope_id, s.grant_revoked,
         r.request_hash, r.response,
         m.id, m.estate_id, m.state, m.voting_opens_at, m.voting_closes_at, m.allow_change, m.rules,
         CASE WHEN m.id IS NOT NULL AND r.request_hash IS NULL AND s.account_id IS NOT NULL THEN
           (SELECT coalesce(json_agg(g), '[]'::json) FROM (${grantsSql('j.meeting_id', 's.account_id')}) g) END AS grants
    FROM unnest($1::int[], $2::bigint[], $3::text[], $4::text[]) AS j(i, meeting_id, sid, key)
    LEFT JOIN LATERAL (
      SELECT s.account_id, s.active_grant_id, s.mfa_passed, s.created_at, s.last_seen_at, s.revoked_at,
             a.disabled, g.role, g.scope_kind, g.scope_id, g.revoked_at AS grant_revoked
        FROM sessions s JOIN accounts a ON a.id = s.account_id LEFT JOIN role_grants g ON g.id = s.active_grant_id
       WHERE s.id_hash = j.sid LIMIT 1) s ON true
    LEFT JOIN LATERAL (
      SELECT request_hash, response FROM ballot_requests
       WHERE account_id = s.account_id AND idempotency_key = j.key LIMIT 1) r ON true
    LEFT JOIN LATERAL (
      SELECT id, estate_id, state, voting_opens_at, voting_closes_at, allow_change, rules FROM meetings
       WHERE id = j.meeting_id LIMIT 1) m ON true
   ORDER BY j.i`;

/** A meeting's items and candidates: fixed from approval on (only a draft is edited), so they are
 *  read once per meeting and kept (per pool: tests run several apps in one process). */
const itemCaches = new WeakMap<object, Map<number, Map<number, ItemInfo>>>();
const FROZEN_FROM = new Set(['approved', 'notice_published', 'voting_open', 'closed', 'tallied', 'result_published', 'objection_period', 'final', 'cancelled']);

async function itemsOf(db: Db, cacheKey: object, meetings: Array<{ id: number; state: string }>): Promise<Map<number, Map<number, ItemInfo>>> {
  let cache = itemCaches.get(cacheKey);
  if (!cache) itemCaches.set(cacheKey, (cache = new Map()));
  const out = new Map<number, Map<number, ItemInfo>>();
  const missing: number[] = [];
  for (const m of meetings) {
    const hit = cache.get(m.id);
    if (hit) out.set(m.id, hit);
    else if (!missing.includes(m.id)) missing.push(m.id);
  }
  if (missing.length) {
    const r = await db.query(
      `SELECT i.meeting_id, i.id, i.kind, i.seats,
              (SELECT coalesce(array_agg(c.id), '{}') FROM meeting_candidates c WHERE c.item_id = i.id) AS candidates
         FROM meeting_items i WHERE i.meeting_id = ANY($1::bigint[])`,
      [missing],
    );
    for (const id of missing) out.set(id, new Map());
    for (const row of r.rows) {
      out.get(Number(row.meeting_id))!.set(Number(row.id), {
        id: Number(row.id), kind: row.kind, seats: row.seats == null ? null : Number(row.seats), candidates: (row.candidates as string[]).map(Number),
      });
    }
    for (const m of meetings) if (missing.includes(m.id) && FROZEN_FROM.has(m.state)) cache.set(m.id, out.get(m.id)!);
  }
  return out;
}

/** Checks every request of a batch: the stored answer for a replayed key, the validated cast, or
 *  the refusal. Nothing is written; the batch re-checks under its locks what can change meanwhile
 *  (the window, a final ballot, the key). */
export async function checkCasts(db: Db, cacheKey: object, config: Config, reqs: readonly CastRequest[], now: Date): Promise<CastChecks> {
  const r = await db.query({
    name: 'meeting_cast_check', text: CAST_CHECK_SQL,
    values: [reqs.map((_, i) => i), reqs.map((q) => q.meetingId), reqs.map((q) => q.sid), reqs.map((q) => q.key)],
  });
  const touch: string[] = [];
  const revoke: string[] = [];
  const found = r.rows.filter((row) => row.id != null && row.request_hash == null).map((row) => ({ id: Number(row.id), state: String(row.state) }));
  const items = found.length ? await itemsOf(db, cacheKey, found) : new Map<number, Map<number, ItemInfo>>();
  const checks = reqs.map((q, i): CastCheck => {
    try {
      const row = r.rows[i];
      // the request hook's refusals, in its order (platform/http.ts, auth/session.ts)
      if (row.account_id == null) throw new AppError('UNAUTHENTICATED');
      const judged = judgeSession(row as SessionRow, config, now.getTime());
      if (judged.kind === 'expired') {
        if (judged.revoke) revoke.push(q.sid);
        throw new AppError('SESSION_EXPIRED');
      }
      if (judged.touch) touch.push(q.sid);
      if (!judged.mfaPassed) throw new AppError('MFA_REQUIRED');
      const actor: AuditActor = { accountId: judged.accountId, role: judged.grant?.role ?? null, ip: q.ip };
      const c = checkOne(q, row, items, now);
      return c.kind === 'cast' ? { ...c, actor } : c;
    } catch (error) {
      return { kind: 'error', error };
    }
  });
  return { checks, touch: [...new Set(touch)], revoke: [...new Set(revoke)] };
}

type Checked = { kind: 'replay'; response: CastBallotResponse } | { kind: 'cast'; prepared: PreparedCast };

function checkOne(q: CastRequest, row: Record<string, any>, itemsByMeeting: Map<number, Map<number, ItemInfo>>, now: Date): Checked {
  const { body } = q;
  // a replay is answered as first answered, whatever happened since (even after the close)
  if (row.request_hash != null) {
    if (row.request_hash !== q.requestHash) throw idempotencyConflict();
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

  const items = itemsByMeeting.get(meeting.id)!;
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
  // a first ballot that is final (allow_change = false) is refused by the writer under its lock
  return { kind: 'cast', prepared: { meeting, grant, votes } };
}

export const idempotencyConflict = () =>
  new AppError('IDEMPOTENCY_KEY_REUSED', { message: '该请求编号（Idempotency-Key）已用于另一份不同内容的投票；请为新的投票使用新的编号' });

export const finalError = (itemIds: number[]) =>
  new AppError('BALLOT_FINAL', { message: '本次会议规定投票后不能更改，您已对该议题投过票', details: { itemIds } });
