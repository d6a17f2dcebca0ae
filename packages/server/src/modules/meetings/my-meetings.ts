import type { MyMeetingView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { presentMeeting, toMeetingSummary, type MeetingRow } from './meeting-repository.ts';
import { voterKeysWithUnits } from './voter-keys.ts';

// The owner's side (and a proxy holder's): meetings from the notice on, in estates where the
// account has an approved binding, or where it holds an approved proxy. Which heads (voter keys)
// the account may vote for follows the design's rule: an approved binding to an owner listed on
// one of the head's units in the frozen roster, or an approved proxy for that head.

/** $1 = the account id. */
export const MY_MEETING_VISIBLE_SQL = `m.notice_published_at IS NOT NULL AND (
    m.estate_id IN (SELECT b.estate_id FROM bindings b WHERE b.account_id = $1 AND b.status = 'approved')
    OR EXISTS (SELECT 1 FROM meeting_proxies p WHERE p.meeting_id = m.id AND p.holder_account_id = $1 AND p.status = 'approved'))`;

export async function listMyMeetings(opts: { db: Db; ctx: RequestContext; page: number; pageSize: number }) {
  const { db, ctx, page, pageSize } = opts;
  const total = await db.query(`SELECT count(*)::int AS n FROM meetings m WHERE ${MY_MEETING_VISIBLE_SQL}`, [ctx.accountId]);
  const r = await db.query(
    `SELECT m.*, e.name AS estate_name FROM meetings m JOIN estates e ON e.id = m.estate_id
      WHERE ${MY_MEETING_VISIBLE_SQL} ORDER BY m.id DESC LIMIT $2 OFFSET $3`,
    [ctx.accountId, pageSize, (page - 1) * pageSize],
  );
  return { items: (r.rows as MeetingRow[]).map(toMeetingSummary), total: Number(total.rows[0].n), page, pageSize };
}

export async function getMyMeeting(opts: { db: Db; ctx: RequestContext; meetingId: number }): Promise<MyMeetingView> {
  const { db, ctx, meetingId } = opts;
  const r = await db.query(
    `SELECT m.*, e.name AS estate_name FROM meetings m JOIN estates e ON e.id = m.estate_id WHERE m.id = $2 AND ${MY_MEETING_VISIBLE_SQL}`,
    [ctx.accountId, meetingId],
  );
  const m = r.rows[0] as MeetingRow | undefined;
  if (!m) throw notFound('会议');
  // who may vote for which head: one rule, voter-keys.ts (also what casting checks)
  const voterKeys = (await voterKeysWithUnits(db, m.id, ctx.accountId!)).map(({ voterKey, via, units }) => ({ voterKey, via, units }));
  const ballots = await db.query(
    `SELECT item_id, voter_key, choice, approvals, channel, receipt, cast_at FROM ballots
      WHERE meeting_id = $1 AND voter_key = ANY($2::text[]) AND status = 'current' ORDER BY item_id, voter_key`,
    [m.id, [...new Set(voterKeys.map((k) => k.voterKey))]],
  );
  return {
    ...(await presentMeeting(db, m)),
    voterKeys,
    myBallots: ballots.rows.map((b) => ({
      itemId: Number(b.item_id), voterKey: String(b.voter_key), choice: b.choice ?? null,
      approvals: b.approvals ? (b.approvals as unknown[]).map(Number) : null, channel: String(b.channel),
      receipt: b.receipt ?? null, castAt: (b.cast_at as Date).toISOString(),
    })),
  };
}
