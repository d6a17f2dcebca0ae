import type { BallotFact, ProxyFact } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';

// The facts the monitoring rules read, in three set-based queries whatever the meeting's size
// (15,000 ballots are one pass over the ballots_meeting_idx range, not one query per ballot).

/** Accepted ballots only: pending and rejected paper ballots never counted, so they say nothing
 *  about how the vote went. */
const ACCEPTED = ['current', 'superseded', 'overridden'];

export interface FlagFacts {
  ballots: BallotFact[];
  proxies: ProxyFact[];
}

/** A proxy holder as the rules see it: 'a' + account id (the display resolves the name). */
export const holderKey = (accountId: unknown) => `a${accountId}`;

export async function loadFlagFacts(db: Db, meetingId: number): Promise<FlagFacts> {
  const ballots = await db.query(
    `SELECT b.id, b.item_id, b.voter_key, b.channel, b.status, b.client_ip, b.device,
            floor(extract(epoch FROM b.cast_at) * 1000)::float8 AS cast_ms,
            p.holder_account_id, b.cast_by_account_id
       FROM ballots b LEFT JOIN meeting_proxies p ON p.id = b.proxy_id
      WHERE b.meeting_id = $1 AND b.status = ANY($2)`,
    [meetingId, ACCEPTED],
  );
  // When each voting account was bound to an owner of the head it voted for: the earliest
  // approved binding (from then on it could vote for that head). Only own online ballots: a proxy
  // holder and the staff entering paper need no binding.
  const bound = await db.query(
    `WITH voters AS (
       SELECT DISTINCT cast_by_account_id AS account_id, voter_key FROM ballots
        WHERE meeting_id = $1 AND status = ANY($2) AND channel = 'online' AND proxy_id IS NULL
          AND cast_by_account_id IS NOT NULL),
     roster_owners AS (
       SELECT DISTINCT r.voter_key, o.owner_id FROM meeting_roster_units r
         CROSS JOIN LATERAL unnest(r.owner_ids) AS o(owner_id)
        WHERE r.meeting_id = $1 AND r.voter_key IS NOT NULL)
     SELECT v.account_id, v.voter_key,
            floor(extract(epoch FROM min(COALESCE(b.reviewed_at, b.requested_at))) * 1000)::float8 AS bound_ms
       FROM voters v
       JOIN roster_owners ro ON ro.voter_key = v.voter_key
       JOIN bindings b ON b.account_id = v.account_id AND b.owner_id = ro.owner_id AND b.status = 'approved'
      GROUP BY v.account_id, v.voter_key`,
    [meetingId, ACCEPTED],
  );
  const proxies = await db.query(
    `SELECT holder_account_id, voter_key FROM meeting_proxies WHERE meeting_id = $1 AND status = 'approved'`,
    [meetingId],
  );
  const boundAt = new Map<string, number>();
  for (const r of bound.rows) boundAt.set(`${r.account_id}|${r.voter_key}`, Number(r.bound_ms));
  return {
    ballots: ballots.rows.map((r): BallotFact => {
      const holder = r.holder_account_id == null ? null : holderKey(r.holder_account_id);
      const own = r.channel === 'online' && !holder && r.cast_by_account_id != null;
      return {
        ballotId: Number(r.id),
        itemId: Number(r.item_id),
        voterKey: r.voter_key,
        channel: r.channel,
        status: r.status,
        castAt: Number(r.cast_ms),
        clientIp: r.client_ip ?? null,
        device: r.device ?? null,
        proxyHolder: holder,
        boundAt: own ? (boundAt.get(`${r.cast_by_account_id}|${r.voter_key}`) ?? null) : null,
      };
    }),
    proxies: proxies.rows.map((r) => ({ holder: holderKey(r.holder_account_id), voterKey: r.voter_key })),
  };
}
