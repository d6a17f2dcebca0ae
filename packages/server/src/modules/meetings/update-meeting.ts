import type { UpdateMeetingBody } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { validateMeetingInput, writeItems } from './create-meeting.ts';
import { actorKindsFor } from './meeting-actor.ts';
import { findMeetingUnsafe } from './meeting-repository.ts';

/** Replaces a draft (fields, items, candidates). Only a draft: once submitted, the street office
 *  reviews exactly what it was sent, and after the notice no item may change (issue 3). */
export async function updateMeeting(opts: { db: Db; ctx: RequestContext; meetingId: number; input: UpdateMeetingBody }) {
  const { db, ctx, meetingId, input } = opts;
  const m = await findMeetingUnsafe(db, meetingId, { forUpdate: true });
  if (!m) throw notFound('会议');
  ctx.assertEstate(m.estate_id, '会议');
  if (!actorKindsFor(ctx.role, m.convener_kind).includes('convener')) {
    throw new AppError('FORBIDDEN', { message: '只有本次会议的召集人可以修改会议' });
  }
  if (m.state !== 'draft') {
    throw new AppError('INVALID_TRANSITION', { message: '只有草稿状态的会议可以修改（已提交的会议请先由街道办事处退回）', details: { state: m.state } });
  }
  await validateMeetingInput(db, ctx, m.estate_id, input);
  // replacing the items would drop a maintenance-fund application's matter-5 item from under it
  // (fund_applications.meeting_item_id): refuse plainly instead of failing on the foreign key
  const linked = await db.query(
    `SELECT f.id, f.title FROM fund_applications f JOIN meeting_items i ON i.id = f.meeting_item_id WHERE i.meeting_id = $1 ORDER BY f.id`,
    [m.id],
  );
  if (linked.rows.length) {
    throw new AppError('INVALID_TRANSITION', {
      message: `会议中有维修资金使用申请的表决事项（${linked.rows.map((r) => `#${r.id} ${r.title}`).join('、')}），不能整体修改；请取消该会议后重新提交表决`,
      details: { fundApplicationIds: linked.rows.map((r) => Number(r.id)) },
    });
  }
  await db.query(
    `UPDATE meetings SET title = $2, description = $3, convener_kind = $4, convener_name = $5, rules = $6, options = $7,
       extraordinary = $8, first_meeting = $9, household_count = $10, voting_opens_at = $11, voting_closes_at = $12,
       allow_change = $13, interim_visible = $14, updated_at = now() WHERE id = $1`,
    [m.id, input.title, input.description, input.convenerKind, input.convenerName, input.rules, JSON.stringify(input.options),
      input.extraordinary, input.firstMeeting, input.householdCount, input.votingOpensAt, input.votingClosesAt,
      input.allowChange, input.interimVisible],
  );
  await db.query(`DELETE FROM meeting_candidates WHERE item_id IN (SELECT id FROM meeting_items WHERE meeting_id = $1)`, [m.id]);
  await db.query(`DELETE FROM meeting_items WHERE meeting_id = $1`, [m.id]);
  const itemIds = await writeItems(db, m.id, input.items);
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.update', targetType: 'meeting', targetId: m.id, estateId: m.estate_id,
    summary: { title: input.title, convenerKind: input.convenerKind, rules: input.rules, itemIds },
  });
  return { id: m.id };
}
