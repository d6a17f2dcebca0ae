import { canonicalChoice, merkleRoot, verifyChain, type ChainLink } from '@gongzhi/domain';
import type { Pool } from '../../src/platform/db.ts';

// Checks of what the database holds after concurrent or interrupted casting, shared by the
// concurrency, crash and demo tests: every item's receipt chain recomputes from its rows and ends
// at the item's stored head, and no head has two current ballots on an item.

export interface ItemChainCheck {
  itemId: number;
  ok: boolean;
  length: number;
  storedLength: number;
  headMatches: boolean;
  problem?: string;
}

/** Recomputes every chain of the meeting (all chained ballots, superseded ones included). */
export async function verifyMeetingChains(pool: Pool, meetingId: number): Promise<ItemChainCheck[]> {
  const items = await pool.query('SELECT id, chain_head, chain_length FROM meeting_items WHERE meeting_id = $1 ORDER BY id', [meetingId]);
  const out: ItemChainCheck[] = [];
  for (const item of items.rows) {
    const r = await pool.query(
      `SELECT chain_seq, pseudonym, choice, approvals, cast_at, prev_link, receipt FROM ballots
        WHERE item_id = $1 AND chain_seq IS NOT NULL ORDER BY chain_seq`,
      [item.id],
    );
    const links: ChainLink[] = r.rows.map((b) => ({
      meetingId, itemId: Number(item.id), pseudonym: b.pseudonym, chainSeq: b.chain_seq, receipt: b.receipt, prevLink: b.prev_link,
      castAt: b.cast_at, choice: canonicalChoice({ choice: b.choice, approvals: b.approvals?.map(Number) ?? null }),
    }));
    const v = verifyChain(links);
    const headMatches = v.ok ? v.head === item.chain_head && v.length === item.chain_length : false;
    out.push({
      itemId: Number(item.id), ok: v.ok && headMatches, length: links.length, storedLength: item.chain_length, headMatches,
      ...(v.ok ? {} : { problem: `${v.reason} at ${v.brokenAt}` }),
    });
  }
  return out;
}

/** (item, voter key) pairs with more than one current ballot: must always be empty. */
export async function doubleCurrent(pool: Pool, meetingId: number): Promise<{ item_id: number; voter_key: string; n: number }[]> {
  const r = await pool.query(
    `SELECT item_id, voter_key, count(*)::int AS n FROM ballots WHERE meeting_id = $1 AND status = 'current'
      GROUP BY item_id, voter_key HAVING count(*) > 1`,
    [meetingId],
  );
  return r.rows;
}

/** The Merkle root over an item's current ballots in chain order (what the tally stores). */
export async function currentRoot(pool: Pool, itemId: number): Promise<string> {
  const r = await pool.query(`SELECT receipt FROM ballots WHERE item_id = $1 AND status = 'current' ORDER BY chain_seq`, [itemId]);
  return merkleRoot(r.rows.map((x) => x.receipt));
}
