import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { grantsSql } from './voter-keys.ts';

// Who may look at a meeting's turnout and results, and when.
// - officials and conveners (meeting.read): meetings of their estates (scope), 404 outside;
// - the owner's view (/my/...): an account that may vote in the meeting (voter-keys.ts: an
//   approved binding in the meeting's estate to an owner in the FROZEN roster, or an approved
//   proxy in it), whatever role is active; any other meeting is absent (404).

export interface ResultMeetingRow {
  id: number;
  estate_id: number;
  estate_name: string;
  title: string;
  convener_name: string;
  state: string;
  interim_visible: boolean;
  voting_opens_at: Date;
  voting_closes_at: Date;
  tallied_at: Date | null;
  result_published_at: Date | null;
  pseudonym_salt: string | null;
}

const COLUMNS = `m.id, m.estate_id, e.name AS estate_name, m.title, m.convener_name, m.state, m.interim_visible,
  m.voting_opens_at, m.voting_closes_at, m.tallied_at, m.result_published_at, m.pseudonym_salt`;

/** States in which the voting has ended (ballots final). */
export const CLOSED_STATES = new Set(['closed', 'tallied', 'result_published', 'objection_period', 'final']);
/** States with a tally on file. */
export const TALLIED_STATES = new Set(['tallied', 'result_published', 'objection_period', 'final']);
/** States in which owners see the result. */
export const PUBLISHED_STATES = new Set(['result_published', 'objection_period', 'final']);

export async function officialMeeting(db: Db, ctx: RequestContext, meetingId: number): Promise<ResultMeetingRow> {
  const r = await db.query(`SELECT ${COLUMNS} FROM meetings m JOIN estates e ON e.id = m.estate_id WHERE m.id = $1`, [meetingId]);
  const m = r.rows[0] as ResultMeetingRow | undefined;
  ctx.assertEstate(m?.estate_id, '会议');
  return m!;
}

export async function myMeeting(db: Db, ctx: RequestContext, meetingId: number): Promise<ResultMeetingRow> {
  const r = await db.query(
    `SELECT ${COLUMNS} FROM meetings m JOIN estates e ON e.id = m.estate_id
      WHERE m.id = $1 AND EXISTS (${grantsSql('$1', '$2')})`,
    [meetingId, ctx.accountId],
  );
  const m = r.rows[0] as ResultMeetingRow | undefined;
  if (!m) throw notFound('会议');
  return m;
}

export function assertRosterFrozen(m: ResultMeetingRow): void {
  if (!m.pseudonym_salt || m.state === 'cancelled') {
    throw new AppError('RESULT_NOT_AVAILABLE', { message: m.state === 'cancelled' ? '会议已取消，没有投票情况' : '会议公告尚未发布，表决名册尚未确定' });
  }
}

export function assertState(m: ResultMeetingRow, allowed: Set<string>, message: string): void {
  if (!allowed.has(m.state)) throw new AppError('RESULT_NOT_AVAILABLE', { message, details: { state: m.state } });
}
