import type { PaperSheetView, SheetOutcome, SheetStatus } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { loadMeeting } from './proxy-shared.ts';

// Reading paper sheets with the ballots they carry (their status tells whether each counts).

const SELECT = `
  SELECT s.*, o.name AS owner_name, ea.display_name AS entered_by_name, ca.display_name AS confirmed_by_name,
         ARRAY(SELECT r.building || '-' || r.number FROM meeting_roster_units r
                WHERE r.meeting_id = s.meeting_id AND r.voter_key = s.voter_key ORDER BY r.building, r.number) AS units,
         COALESCE((SELECT jsonb_agg(jsonb_build_object('itemId', b.item_id, 'choice', b.choice, 'approvals', b.approvals,
                                                       'status', b.status, 'receipt', b.receipt) ORDER BY i.position)
                     FROM ballots b JOIN meeting_items i ON i.id = b.item_id WHERE b.paper_sheet_id = s.id), '[]'::jsonb) AS votes
    FROM meeting_paper_sheets s
    JOIN owners o ON o.id = s.owner_id
    JOIN accounts ea ON ea.id = s.entered_by
    LEFT JOIN accounts ca ON ca.id = s.confirmed_by`;

const iso = (d: unknown) => (d ? (d as Date).toISOString() : null);
const num = (v: unknown) => (v == null ? null : Number(v));

function toView(r: Record<string, unknown>): PaperSheetView {
  return {
    id: Number(r.id),
    meetingId: Number(r.meeting_id),
    voterKey: String(r.voter_key),
    units: r.units as string[],
    ownerId: Number(r.owner_id),
    ownerName: String(r.owner_name),
    unitId: num(r.unit_id),
    attachmentId: Number(r.attachment_id),
    receivedAt: (r.received_at as Date).toISOString(),
    note: String(r.note),
    status: r.status as SheetStatus,
    enteredBy: Number(r.entered_by),
    enteredByName: String(r.entered_by_name),
    enteredAt: (r.entered_at as Date).toISOString(),
    confirmedBy: num(r.confirmed_by),
    confirmedByName: (r.confirmed_by_name as string | null) ?? null,
    confirmedAt: iso(r.confirmed_at),
    outcome: (r.outcome as SheetOutcome | null) ?? null,
    rejectedBy: num(r.rejected_by),
    rejectedAt: iso(r.rejected_at),
    rejectReason: (r.reject_reason as string | null) ?? null,
    votes: (r.votes as { itemId: number; choice: string | null; approvals: number[] | null; status: string; receipt: string | null }[])
      .map((v) => ({ ...v, itemId: Number(v.itemId), approvals: v.approvals ? v.approvals.map(Number) : null })),
  };
}

/** One sheet by id, unscoped: callers have already checked the meeting against the scope. */
export async function getSheetView(db: Db, sheetId: number): Promise<PaperSheetView> {
  const r = await db.query(`${SELECT} WHERE s.id = $1`, [sheetId]);
  if (!r.rows[0]) throw notFound('纸质票');
  return toView(r.rows[0]);
}

export async function listSheets(db: Db, opts: { ctx: RequestContext; meetingId: number; status?: SheetStatus }): Promise<PaperSheetView[]> {
  await loadMeeting(db, { ctx: opts.ctx, meetingId: opts.meetingId });
  const r = await db.query(
    `${SELECT} WHERE s.meeting_id = $1 AND ($2::text IS NULL OR s.status = $2) ORDER BY s.id`,
    [opts.meetingId, opts.status ?? null],
  );
  return r.rows.map(toView);
}
