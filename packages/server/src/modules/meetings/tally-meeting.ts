import {
  electionResultToJson, merkleRoot, resultToJson, tally, tallyElection,
} from '@gongzhi/domain';
import { appendAuditMany } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { buildItemRecord, loadRosterForRecord, type ItemRecord, type ItemRow } from './decision-records.ts';
import { SYSTEM_ACTOR, transitionMeeting } from './transition-meeting.ts';

// The tally (计票) of a closed meeting: every item's record (frozen roster + final ballots) through
// the domain engine, the Merkle root over the final ballots' receipts in chain order, one
// meeting_item_results row per item, then closed → tallied. One transaction (the job's): the
// results and the state change commit together. Run twice, the second run finds the meeting
// tallied and changes nothing.

const AFTER_TALLY = new Set(['tallied', 'result_published', 'objection_period', 'final']);

/** The stored result of one item: exactly what `gongzhi retally` prints for its exported record. */
export function itemResultJson(r: ItemRecord): Record<string, unknown> {
  return r.kind === 'election' ? electionResultToJson(tallyElection(r.record), r.names) : resultToJson(tally(r.record));
}

export async function loadItems(db: Db, meetingId: number): Promise<ItemRow[]> {
  const r = await db.query(
    `SELECT id, position, kind, matter, title, seats, scope FROM meeting_items WHERE meeting_id = $1 ORDER BY position`, [meetingId]);
  return r.rows.map((i) => ({ id: Number(i.id), position: i.position, kind: i.kind, matter: i.matter, title: i.title, seats: i.seats, scope: i.scope }));
}

export type TallyOutcome = { tallied: true; items: number } | { tallied: false; reason: 'already_tallied' | 'cancelled' };

export async function tallyMeeting(db: Db, meetingId: number, opts: { now?: Date } = {}): Promise<TallyOutcome> {
  const m = await db.query('SELECT id, estate_id, state FROM meetings WHERE id = $1 FOR UPDATE', [meetingId]);
  const meeting = m.rows[0];
  if (!meeting) throw notFound('会议');
  if (AFTER_TALLY.has(meeting.state)) return { tallied: false, reason: 'already_tallied' };
  if (meeting.state === 'cancelled') return { tallied: false, reason: 'cancelled' };
  if (meeting.state !== 'closed') {
    throw new AppError('INVALID_TRANSITION', { message: '投票尚未结束，不能计票', details: { state: meeting.state } });
  }

  const roster = await loadRosterForRecord(db, meetingId);
  const items = await loadItems(db, meetingId);
  const now = opts.now ?? new Date();
  const summaries: Array<Record<string, unknown>> = [];
  for (const item of items) {
    const record = await buildItemRecord(db, roster, item);
    const result = itemResultJson(record);
    const root = merkleRoot(record.receipts);
    await db.query(
      `INSERT INTO meeting_item_results (item_id, meeting_id, result, merkle_root, ballot_count, tallied_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (item_id) DO UPDATE SET result = EXCLUDED.result, merkle_root = EXCLUDED.merkle_root,
         ballot_count = EXCLUDED.ballot_count, tallied_at = EXCLUDED.tallied_at`,
      [item.id, meetingId, JSON.stringify(result), root, record.receipts.length, now],
    );
    summaries.push({
      itemId: item.id, kind: item.kind, merkleRoot: root, ballotCount: record.receipts.length,
      participationMet: result.participationMet,
      ...(item.kind === 'election' ? { elected: result.elected, tieForLastSeat: result.tieForLastSeat } : { passed: result.passed }),
    });
  }
  await appendAuditMany(db, summaries.map((s) => ({
    actor: SYSTEM_ACTOR,
    input: { action: 'meeting.item_tallied', targetType: 'meeting_item', targetId: s.itemId as number, estateId: Number(meeting.estate_id), summary: s },
  })));
  await transitionMeeting(db, { meetingId, action: 'tally', actor: 'system', ctxActor: SYSTEM_ACTOR, now });
  return { tallied: true, items: items.length };
}
