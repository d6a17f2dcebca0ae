import type { MyProxyView, ProxyStatus, ProxyView } from '@gongzhi/contracts';
import { maskPhone } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { loadMeeting } from './proxy-shared.ts';

// Reading proxies: the convener's list for one meeting, and an account's own (held or granted).

const SELECT = `
  SELECT p.*, o.name AS owner_name, ha.phone AS holder_phone,
         ARRAY(SELECT r.building || '-' || r.number FROM meeting_roster_units r
                WHERE r.meeting_id = p.meeting_id AND r.voter_key = p.voter_key ORDER BY r.building, r.number) AS units,
         m.title AS meeting_title, m.state AS meeting_state, m.estate_id, e.name AS estate_name,
         m.voting_opens_at, m.voting_closes_at
    FROM meeting_proxies p
    JOIN owners o ON o.id = p.owner_id
    JOIN accounts ha ON ha.id = p.holder_account_id
    JOIN meetings m ON m.id = p.meeting_id
    JOIN estates e ON e.id = m.estate_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toView(r: Record<string, unknown>): ProxyView {
  return {
    id: Number(r.id),
    meetingId: Number(r.meeting_id),
    voterKey: String(r.voter_key),
    units: r.units as string[],
    ownerId: Number(r.owner_id),
    ownerName: String(r.owner_name),
    holderAccountId: Number(r.holder_account_id),
    holderName: String(r.holder_name),
    holderPhone: maskPhone(r.holder_phone as string | null),
    attachmentId: r.attachment_id == null ? null : Number(r.attachment_id),
    status: r.status as ProxyStatus,
    requestedBy: Number(r.requested_by),
    reviewedBy: r.reviewed_by == null ? null : Number(r.reviewed_by),
    reviewedAt: iso(r.reviewed_at as Date | null),
    reviewNote: (r.review_note as string | null) ?? null,
    createdAt: (r.created_at as Date).toISOString(),
  };
}

function toMyView(r: Record<string, unknown>): MyProxyView {
  return {
    ...toView(r),
    meetingTitle: String(r.meeting_title),
    meetingState: String(r.meeting_state),
    estateId: Number(r.estate_id),
    estateName: String(r.estate_name),
    votingOpensAt: (r.voting_opens_at as Date).toISOString(),
    votingClosesAt: (r.voting_closes_at as Date).toISOString(),
  };
}

/** One proxy by id, unscoped: callers have already checked the meeting against the scope. */
export async function getProxyView(db: Db, proxyId: number): Promise<ProxyView> {
  const r = await db.query(`${SELECT} WHERE p.id = $1`, [proxyId]);
  if (!r.rows[0]) throw notFound('委托');
  return toView(r.rows[0]);
}

export async function listProxies(db: Db, opts: { ctx: RequestContext; meetingId: number; status?: ProxyStatus }): Promise<ProxyView[]> {
  await loadMeeting(db, { ctx: opts.ctx, meetingId: opts.meetingId });
  const r = await db.query(
    `${SELECT} WHERE p.meeting_id = $1 AND ($2::text IS NULL OR p.status = $2) ORDER BY p.id`,
    [opts.meetingId, opts.status ?? null],
  );
  return r.rows.map(toView);
}

/** The proxies an account holds (so the holder finds the meeting and the voter key to vote
 *  with) and those it asked for as an owner. Whatever the account's role: holding a proxy is
 *  not a role. Cancelled meetings are left out of `held`. */
export async function listMyProxies(db: Db, opts: { accountId: number }): Promise<{ held: MyProxyView[]; granted: MyProxyView[] }> {
  const held = await db.query(
    `${SELECT} WHERE p.holder_account_id = $1 AND m.state <> 'cancelled' ORDER BY m.voting_closes_at DESC, p.id`,
    [opts.accountId],
  );
  // as an owner only: a convener's registrations for others are not "mine"
  const granted = await db.query(
    `${SELECT} WHERE p.requested_by = $1
        AND p.owner_id IN (SELECT b.owner_id FROM bindings b WHERE b.account_id = $1 AND b.status = 'approved')
      ORDER BY p.id DESC`,
    [opts.accountId],
  );
  return { held: held.rows.map(toMyView), granted: granted.rows.map(toMyView) };
}
