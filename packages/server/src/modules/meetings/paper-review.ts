import { SHEET_OUTCOME_LABELS, type PaperConfirmResult, type PaperSheetView, type SheetOutcome } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { chainBallots, type NewBallot } from './ballot-writer.ts';
import { PAPER_STATES } from './paper-enter.ts';
import { getSheetView } from './paper-list.ts';
import { loadMeeting, requireState } from './proxy-shared.ts';
import { tallyIfPaperDone } from './tally-jobs.ts';

// The second look at a paper sheet (纸质票复核): a person other than the one who entered it
// confirms it — its ballots are then chained and count, unless the profile's paper/online
// precedence ranks them below the owner's ballots on the other channel (default: online wins,
// as in Shenzhen; ballot-writer.ts decides) — or rejects it with a reason.

async function lockSheet(db: Db, opts: { ctx: RequestContext; meetingId: number; sheetId: number }) {
  const meeting = await loadMeeting(db, { ctx: opts.ctx, meetingId: opts.meetingId, lock: true });
  const r = await db.query('SELECT * FROM meeting_paper_sheets WHERE id = $1 AND meeting_id = $2 FOR UPDATE', [opts.sheetId, meeting.id]);
  const sheet = r.rows[0];
  if (!sheet) throw notFound('纸质票');
  if (sheet.status !== 'pending') {
    throw new AppError('INVALID_TRANSITION', {
      message: sheet.status === 'confirmed' ? '这张纸质票已确认过' : '这张纸质票已退回',
      details: { status: sheet.status },
    });
  }
  return { meeting, sheet };
}

export async function confirmPaperBallot(
  db: Db,
  opts: { ctx: RequestContext; meetingId: number; sheetId: number; now?: Date },
): Promise<PaperConfirmResult> {
  const { ctx } = opts;
  const { meeting, sheet } = await lockSheet(db, opts);
  if (Number(sheet.entered_by) === ctx.accountId) {
    throw new AppError('SECOND_PERSON_REQUIRED', {
      message: '纸质票须由录入人以外的另一位工作人员复核确认：您是这张票的录入人，不能自己确认',
      details: { enteredBy: Number(sheet.entered_by) },
    });
  }
  requireState(meeting, PAPER_STATES, '确认纸质票');

  const pending = await db.query(
    `SELECT id, item_id FROM ballots WHERE paper_sheet_id = $1 AND status = 'pending' ORDER BY item_id`,
    [sheet.id],
  );
  const voterKey = String(sheet.voter_key);
  const itemIds = pending.rows.map((r) => Number(r.item_id));
  // the owner's standing ballots before this sheet: to say why a paper ballot does not count
  const before = await db.query(
    `SELECT item_id, channel FROM ballots WHERE item_id = ANY($1::bigint[]) AND voter_key = $2 AND status = 'current'`,
    [itemIds, voterKey],
  );
  const standing = new Map(before.rows.map((r) => [Number(r.item_id), String(r.channel)]));

  const now = opts.now ?? new Date();
  const ballots: NewBallot[] = pending.rows.map((r) => ({
    itemId: Number(r.item_id),
    voterKey,
    channel: 'paper',
    pendingBallotId: Number(r.id),
    castByOwnerId: Number(sheet.owner_id),
    // the ballot was cast when the sheet reached the convener, not when it was typed in
    castAt: sheet.received_at as Date,
    confirmedBy: ctx.accountId,
    confirmedAt: now,
    paperSheetId: Number(sheet.id),
  }));
  const written = await chainBallots(db, meeting.id, ballots);

  const countedItems = written.filter((w) => w.status === 'current').length;
  const outcome: SheetOutcome = countedItems === written.length ? 'counted' : countedItems === 0 ? 'overridden' : 'partly';
  await db.query(
    `UPDATE meeting_paper_sheets SET status = 'confirmed', confirmed_by = $2, confirmed_at = $3, outcome = $4 WHERE id = $1`,
    [sheet.id, ctx.accountId, now, outcome],
  );
  const perItem = written.map((w) => ({ itemId: w.itemId, status: w.status, chainSeq: w.chainSeq, ...(w.replaced ? { replaced: w.replaced.status } : {}) }));
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.paper.confirm',
    targetType: 'meeting_paper_sheet',
    targetId: Number(sheet.id),
    estateId: meeting.estateId,
    summary: { meetingId: meeting.id, voterKey, enteredBy: Number(sheet.entered_by), outcome, ballots: perItem },
  });
  await tallyIfPaperDone(db, meeting.id);
  const view = await getSheetView(db, Number(sheet.id));
  return { sheet: view, counted: outcome !== 'overridden', outcome, message: explain(outcome, written, standing) };
}

function explain(
  outcome: SheetOutcome,
  written: Awaited<ReturnType<typeof chainBallots>>,
  standing: Map<number, string>,
): string {
  const below = written.filter((w) => w.status !== 'current');
  if (below.length === 0) {
    const replacedOnline = written.some((w) => w.replaced?.status === 'overridden');
    return replacedOnline ? '纸质票已确认并计入：按本会议规则纸质票优先，已取代这位投票人的网络投票' : `纸质票已确认，${SHEET_OUTCOME_LABELS.counted}`;
  }
  const online = below.some((w) => standing.get(w.itemId) === 'online');
  const why = online
    ? '这位投票人已在网上投票，按本会议规则网络投票优先，纸质票保留但不计入'
    : '这位投票人已有一张已确认的纸质票，按本会议规则以先投的为准，本张保留但不计入';
  return outcome === 'partly' ? `纸质票已确认，部分议题计入；其余议题：${why}` : `纸质票已确认，但${why}`;
}

export async function rejectPaperBallot(
  db: Db,
  opts: { ctx: RequestContext; meetingId: number; sheetId: number; reason: string },
): Promise<PaperSheetView> {
  const { ctx } = opts;
  const { meeting, sheet } = await lockSheet(db, opts);
  await db.query(
    `UPDATE meeting_paper_sheets SET status = 'rejected', rejected_by = $2, rejected_at = now(), reject_reason = $3 WHERE id = $1`,
    [sheet.id, ctx.accountId, opts.reason],
  );
  await db.query(`UPDATE ballots SET status = 'rejected' WHERE paper_sheet_id = $1 AND status = 'pending'`, [sheet.id]);
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.paper.reject',
    targetType: 'meeting_paper_sheet',
    targetId: Number(sheet.id),
    estateId: meeting.estateId,
    summary: { meetingId: meeting.id, voterKey: sheet.voter_key, reason: opts.reason },
  });
  await tallyIfPaperDone(db, meeting.id);
  return getSheetView(db, Number(sheet.id));
}
