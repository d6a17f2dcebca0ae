import type { MeetingDetailView } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { callerActions } from './meeting-actor.ts';
import { findMeetingUnsafe, presentMeeting, toMeetingSummary, type MeetingRow } from './meeting-repository.ts';
import { MY_MEETING_VISIBLE_SQL } from './my-meetings.ts';

// Officials' reads: meetings of the caller's estates, one meeting with the caller's next steps,
// and the frozen roster (unit numbers and areas only — never a name).

export async function listMeetings(opts: {
  db: Db; ctx: RequestContext; query: { estateId?: number; state?: string; q?: string; page: number; pageSize: number };
}) {
  const { db, ctx, query } = opts;
  const params: unknown[] = [ctx.scope.estateIds];
  const where = ['m.estate_id = ANY($1::bigint[])'];
  if (query.estateId) { params.push(query.estateId); where.push(`m.estate_id = $${params.length}`); }
  if (query.state) { params.push(query.state); where.push(`m.state = $${params.length}`); }
  if (query.q) { params.push(`%${query.q.replace(/[\\%_]/g, '\\$&')}%`); where.push(`m.title ILIKE $${params.length}`); }
  const total = await db.query(`SELECT count(*)::int AS n FROM meetings m WHERE ${where.join(' AND ')}`, params);
  params.push(query.pageSize, (query.page - 1) * query.pageSize);
  const r = await db.query(
    `SELECT m.*, e.name AS estate_name FROM meetings m JOIN estates e ON e.id = m.estate_id
      WHERE ${where.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items: (r.rows as MeetingRow[]).map(toMeetingSummary), total: Number(total.rows[0].n), page: query.page, pageSize: query.pageSize };
}

export async function getMeeting(opts: { db: Db; ctx: RequestContext; meetingId: number }): Promise<MeetingDetailView> {
  const m = await findMeetingUnsafe(opts.db, opts.meetingId);
  if (!m) throw notFound('会议');
  opts.ctx.assertEstate(m.estate_id, '会议');
  return { ...(await presentMeeting(opts.db, m)), availableActions: callerActions(opts.ctx, m.convener_kind, m.state) };
}

export async function getRoster(opts: { db: Db; ctx: RequestContext; meetingId: number; page: number; pageSize: number }) {
  const { db, ctx, meetingId, page, pageSize } = opts;
  const m = await findMeetingUnsafe(db, meetingId);
  if (!m) throw notFound('会议');
  ctx.assertEstate(m.estate_id, '会议');
  return rosterPage(db, meetingId, page, pageSize);
}

/** The frozen roster as published to owners (and proxy holders) of the meeting: the same page,
 *  for anyone who may see the meeting's notice on the owner's side. */
export async function getMyRoster(opts: { db: Db; ctx: RequestContext; meetingId: number; page: number; pageSize: number }) {
  const { db, ctx, meetingId, page, pageSize } = opts;
  const r = await db.query(`SELECT 1 FROM meetings m WHERE m.id = $2 AND ${MY_MEETING_VISIBLE_SQL}`, [ctx.accountId, meetingId]);
  if (!r.rows.length) throw notFound('会议');
  return rosterPage(db, meetingId, page, pageSize);
}

async function rosterPage(db: Db, meetingId: number, page: number, pageSize: number) {
  const totals = await db.query(
    `SELECT count(*)::int AS units, COALESCE(sum(area_centi), 0)::bigint AS area, count(DISTINCT voter_key)::int AS heads
       FROM meeting_roster_units WHERE meeting_id = $1`,
    [meetingId],
  );
  // the columns are chosen here, never `*`: owner ids and voter keys stay out of the answer
  const r = await db.query(
    `SELECT unit_id, building, number, kind, status, area_centi, area_source FROM meeting_roster_units
      WHERE meeting_id = $1 ORDER BY building, length(number), number, unit_id LIMIT $2 OFFSET $3`,
    [meetingId, pageSize, (page - 1) * pageSize],
  );
  const t = totals.rows[0];
  return {
    items: r.rows.map((u) => ({
      unitId: Number(u.unit_id), building: String(u.building), number: String(u.number), kind: String(u.kind),
      status: String(u.status), areaCenti: Number(u.area_centi), areaSource: String(u.area_source),
    })),
    total: Number(t.units), page, pageSize,
    unitCount: Number(t.units), totalAreaCenti: Number(t.area), householdCount: Number(t.heads),
  };
}
