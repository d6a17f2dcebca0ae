import type { CastBallotBody } from '@gongzhi/contracts';
import type { Choice } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { fieldErrors } from './meeting-errors.ts';
import { voterKeysFor, type VoterKeyGrant } from './voter-keys.ts';

// Everything a cast is checked against BEFORE it joins a write batch, on the request's own
// connection: a bad cast is refused here and never reaches (or fails) anyone else's batch. The
// batch re-checks only what can change in between (the window, a final ballot) under its locks.

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

export async function prepareCast(
  db: Db, ctx: RequestContext, meetingId: number, body: CastBallotBody, now: Date,
): Promise<PreparedCast> {
  const r = await db.query(
    `SELECT m.id, m.estate_id, m.state, m.voting_opens_at, m.voting_closes_at, m.allow_change,
            (SELECT coalesce(json_agg(json_build_object('id', i.id, 'kind', i.kind, 'seats', i.seats,
                'candidates', (SELECT coalesce(json_agg(c.id), '[]'::json) FROM meeting_candidates c WHERE c.item_id = i.id))), '[]'::json)
               FROM meeting_items i WHERE i.meeting_id = m.id) AS items
       FROM meetings m WHERE m.id = $1`,
    [meetingId],
  );
  const row = r.rows[0];
  const grants = row ? await voterKeysFor(db, meetingId, ctx.accountId!) : [];
  // one answer for "no such meeting" and "no vote in it": an outsider learns nothing
  if (!row || grants.length === 0) {
    throw new AppError('NOT_FOUND', { message: '会议不存在，或您不在本次会议的投票名册中（需已通过审核的房屋绑定或经批准的委托）' });
  }
  const meeting: CastMeeting = {
    id: Number(row.id), estateId: Number(row.estate_id), state: row.state, votingOpensAt: row.voting_opens_at,
    votingClosesAt: row.voting_closes_at, allowChange: row.allow_change,
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
    const cur = await db.query(
      `SELECT item_id FROM ballots WHERE item_id = ANY($1::bigint[]) AND voter_key = $2 AND status = 'current' AND channel = 'online'`,
      [votes.map((v) => v.itemId), grant.voterKey],
    );
    if (cur.rows.length) throw finalError(cur.rows.map((x) => Number(x.item_id)));
  }
  return { meeting, grant, votes };
}

export const finalError = (itemIds: number[]) =>
  new AppError('BALLOT_FINAL', { message: '本次会议规定投票后不能更改，您已对该议题投过票', details: { itemIds } });
