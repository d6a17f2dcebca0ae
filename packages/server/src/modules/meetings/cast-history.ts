import type { MyBallotsResponse } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { ballotStatusLabel } from './receipt-lookup.ts';
import { voterKeysFor } from './voter-keys.ts';

// The caller's ballots in one meeting, history included (superseded and overridden ballots,
// pending paper ballots): those of the heads the caller owns (approved binding, frozen roster)
// and those the caller cast as a proxy holder. Newest first within each item.

export async function myBallots(opts: { db: Db; ctx: RequestContext; meetingId: number }): Promise<MyBallotsResponse> {
  const { db, ctx, meetingId } = opts;
  const m = await db.query('SELECT estate_id FROM meetings WHERE id = $1', [meetingId]);
  const grants = m.rows[0] ? await voterKeysFor(db, meetingId, ctx.accountId!) : [];
  if (!m.rows[0] || (grants.length === 0 && !ctx.scope.estateIds.includes(Number(m.rows[0].estate_id)))) {
    throw new AppError('NOT_FOUND', { message: '会议不存在' });
  }
  const ownKeys = grants.filter((g) => g.via === 'owner').map((g) => g.voterKey);
  const r = await db.query(
    `SELECT b.id, b.item_id, i.title AS item_title, b.voter_key, b.channel, b.choice, b.approvals, b.status, b.cast_at,
            b.chain_seq, b.receipt, b.proxy_id, b.cast_by_account_id
       FROM ballots b JOIN meeting_items i ON i.id = b.item_id
      WHERE b.meeting_id = $1 AND (b.voter_key = ANY($2::text[]) OR b.cast_by_account_id = $3) AND b.status <> 'rejected'
      ORDER BY i.position, b.voter_key, b.id DESC`,
    [meetingId, ownKeys, ctx.accountId],
  );
  return {
    meetingId,
    ballots: r.rows.map((b) => ({
      id: Number(b.id), itemId: Number(b.item_id), itemTitle: b.item_title, voterKey: b.voter_key, channel: b.channel,
      choice: b.choice, approvals: b.approvals ? b.approvals.map(Number) : null, status: b.status,
      statusLabel: ballotStatusLabel(b.status), castAt: b.cast_at.toISOString(), chainSeq: b.chain_seq, receipt: b.receipt,
      viaProxy: b.proxy_id != null && Number(b.cast_by_account_id) === ctx.accountId,
    })),
  };
}
