import { MEETING_EXPORT_FORMAT } from '@gongzhi/contracts';
import { canonicalChoice, merkleRoot } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { buildItemRecord, itemRecordToJson, loadRosterForRecord } from './decision-records.ts';
import type { ResultMeetingRow } from './result-access.ts';
import { loadItems } from './tally-meeting.ts';

// The meeting export (`gongzhi.meeting-export/v1`), what `gongzhi verify-meeting` reads: per item
// its open record (the roster and the final ballots, pseudonyms only), its whole receipt chain
// (every accepted ballot, replaced ones included, in chain order), the Merkle root over the final
// ballots and the published result. With it anyone can recompute every link, the root and the count.

export async function exportMeeting(db: Db, m: ResultMeetingRow): Promise<Record<string, unknown>> {
  const roster = await loadRosterForRecord(db, Number(m.id));
  const stored = await db.query(
    'SELECT item_id, result, merkle_root, ballot_count FROM meeting_item_results WHERE meeting_id = $1', [m.id]);
  const byItem = new Map(stored.rows.map((r) => [Number(r.item_id), r]));
  const items = [];
  for (const item of await loadItems(db, Number(m.id))) {
    const record = await buildItemRecord(db, roster, item);
    const chain = await db.query(
      `SELECT chain_seq, pseudonym, choice, approvals, cast_at, prev_link, receipt, status
         FROM ballots WHERE item_id = $1 AND chain_seq IS NOT NULL ORDER BY chain_seq`, [item.id]);
    const published = byItem.get(item.id);
    items.push({
      itemId: item.id, position: item.position, kind: item.kind, matter: item.matter, title: item.title,
      record: itemRecordToJson(record),
      chain: chain.rows.map((b) => ({
        chainSeq: b.chain_seq, pseudonym: b.pseudonym,
        choice: canonicalChoice({ choice: b.choice, approvals: b.approvals?.map(Number) ?? null }),
        castAt: (b.cast_at as Date).toISOString(), prevLink: b.prev_link, receipt: b.receipt, status: b.status,
      })),
      // the published root once tallied; before the tally (closed), the root the tally will print
      merkleRoot: published?.merkle_root ?? merkleRoot(record.receipts),
      ballotCount: record.receipts.length,
      result: published?.result ?? null,
    });
  }
  return {
    format: MEETING_EXPORT_FORMAT,
    meeting: {
      id: Number(m.id), estateName: m.estate_name, title: m.title, convenerName: m.convener_name, state: m.state,
      votingOpensAt: m.voting_opens_at.toISOString(), votingClosesAt: m.voting_closes_at.toISOString(),
      talliedAt: m.tallied_at?.toISOString() ?? null, resultPublishedAt: m.result_published_at?.toISOString() ?? null,
    },
    items,
  };
}
