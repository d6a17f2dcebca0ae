import type { PaperBallotBody, PaperSheetView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { getSheetView } from './paper-list.ts';
import { loadItems, validateVotes } from './paper-votes.ts';
import { checkAttachment, findRosterHead, loadMeeting, pickOwner, requireState } from './proxy-shared.ts';

// Entering a paper ballot (纸质票录入): the convener's staff transcribe one owner's sheet with
// its scan attached. The ballots wait as 'pending' (not chained, not counted) until a second
// person confirms the sheet (paper-review.ts).
//
// When: while voting is open, and after close until the tally for sheets that reached the
// convener before close (a ballot dropped in the box on the last evening is still a ballot).
// The sheet's received time must lie inside the voting window; after close it must be given.
// Once the meeting is tallied no sheet can be entered or confirmed.

export const PAPER_STATES = ['voting_open', 'closed'] as const;

export async function enterPaperBallot(db: Db, opts: { ctx: RequestContext; meetingId: number; body: PaperBallotBody; now?: Date }): Promise<PaperSheetView> {
  const { ctx, body } = opts;
  const now = opts.now ?? new Date();
  const meeting = await loadMeeting(db, { ctx, meetingId: opts.meetingId, lock: true });
  requireState(meeting, PAPER_STATES, '录入纸质票');

  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) throw fieldError('body.receivedAt', '收到时间不能晚于现在');
  if (receivedAt < meeting.votingOpensAt) throw fieldError('body.receivedAt', '收到时间早于投票开始时间：投票开始前收到的纸质票无效');
  if (receivedAt > meeting.votingClosesAt) {
    throw fieldError('body.receivedAt', body.receivedAt
      ? '收到时间晚于投票截止时间：截止后收到的纸质票不计入'
      : '投票已截止：请填写这张纸质票的实际收到时间（须在截止之前）');
  }

  const head = await findRosterHead(db, { meetingId: meeting.id, voterKey: body.voterKey, unitId: body.unitId });
  const ownerId = pickOwner(head, body.ownerId);
  const votes = validateVotes(await loadItems(db, meeting.id), body.votes, head);
  await checkAttachment(db, {
    attachmentId: body.attachmentId, estateId: meeting.estateId, uploaders: [ctx.accountId!, meeting.createdBy], what: '纸质票扫描件',
  });

  const waiting = await db.query(
    `SELECT id FROM meeting_paper_sheets WHERE meeting_id = $1 AND voter_key = $2 AND status = 'pending'`, [meeting.id, head.voterKey]);
  if (waiting.rows[0]) throw pendingConflict(Number(waiting.rows[0].id));
  let sheetId: number;
  try {
    const r = await db.query(
      `INSERT INTO meeting_paper_sheets (meeting_id, voter_key, owner_id, unit_id, attachment_id, received_at, note, entered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [meeting.id, head.voterKey, ownerId, body.unitId ?? null, body.attachmentId, receivedAt, body.note ?? '', ctx.accountId],
    );
    sheetId = Number(r.rows[0].id);
  } catch (e) {
    // two clerks entering the same owner's sheet at once: the partial unique index decides
    if (isUniqueViolation(e)) throw pendingConflict(null);
    throw e;
  }
  await db.query(
    `INSERT INTO ballots (meeting_id, item_id, voter_key, cast_by_owner_id, channel, choice, approvals, status, cast_at,
                          attachment_id, entered_by, paper_sheet_id)
     SELECT $1, v.item_id, $2, $3, 'paper', v.choice, CASE WHEN v.approvals IS NULL OR jsonb_typeof(v.approvals) = 'null' THEN NULL ELSE
              ARRAY(SELECT jsonb_array_elements_text(v.approvals)::bigint) END,
            'pending', $4, $5, $6, $7
       FROM jsonb_to_recordset($8::jsonb) AS v(item_id bigint, choice text, approvals jsonb)`,
    [meeting.id, head.voterKey, ownerId, receivedAt, body.attachmentId, ctx.accountId, sheetId,
      JSON.stringify(votes.map((v) => ({ item_id: v.itemId, choice: v.choice, approvals: v.approvals })))],
  );
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.paper.enter',
    targetType: 'meeting_paper_sheet',
    targetId: sheetId,
    estateId: meeting.estateId,
    summary: { meetingId: meeting.id, voterKey: head.voterKey, attachmentId: body.attachmentId, receivedAt: receivedAt.toISOString(), items: votes.length },
  });
  return getSheetView(db, sheetId);
}

function pendingConflict(id: number | null): AppError {
  return new AppError('CONFLICT', {
    message: `这位投票人已有一张待复核的纸质票${id ? `（编号 ${id}）` : ''}：请先确认或退回，再录入新的一张`,
    details: { sheetId: id },
  });
}
