import { noticeActions, type NoticeAction, type NoticePublisherKind } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { publisherKindOf } from './disclosure-party.ts';
import { publishNotice } from './notice-publish.ts';
import { loadOwnNotice, type NoticeRow } from './notice-view.ts';

// The publisher's actions on its own notice: publish a draft, withdraw, pin or unpin. Which
// action fits which state is the domain's noticeActions; the database guard backs it up.

const MESSAGES: Partial<Record<NoticeAction, string>> = {
  publish: '只有草稿可以发布',
  withdraw: '该公告由其他业务自动发布，不能在此撤回',
  correct: '该公告已有更正，或由其他业务自动发布，不能在此更正',
  pin: '该公告不能置顶',
  unpin: '该公告不能取消置顶',
  remind: '24 小时内已提醒过未读业主，请稍后再试',
};

/** Refuses (409) an action the notice's state does not allow. */
export function assertAction(ctx: RequestContext, n: NoticeRow, action: NoticeAction, now: Date): void {
  const allowed = noticeActions({
    state: n.state, publisherKind: n.publisher_kind as NoticePublisherKind, callerKind: publisherKindOf(ctx),
    pinned: Boolean(n.pinned), correctedById: n.corrected_by_id == null ? null : Number(n.corrected_by_id),
    sourced: n.source_type != null, lastRemindedAt: n.last_reminded_at ? new Date(n.last_reminded_at) : null, now,
  });
  if (allowed.includes(action)) return;
  const message = n.state === 'withdrawn' ? '公告已撤回，不能再执行此操作'
    : n.state === 'draft' && action !== 'publish' ? '草稿尚未发布，不能执行此操作'
      : MESSAGES[action] ?? '当前状态下不能执行此操作';
  throw new AppError('CONFLICT', { message, details: { action, state: n.state } });
}

export async function publishOwnNotice(db: Db, o: { ctx: RequestContext; id: number; now?: Date }) {
  const n = await loadOwnNotice(db, o.ctx, o.id);
  const now = o.now ?? new Date(); // after the row lock: recorded times follow the real order
  assertAction(o.ctx, n, 'publish', now);
  return publishNotice(db, { noticeId: o.id, actor: o.ctx.actor(), now });
}

export async function withdrawNotice(db: Db, o: { ctx: RequestContext; id: number; reason: string; now?: Date }): Promise<{ id: number; state: 'withdrawn' }> {
  const n = await loadOwnNotice(db, o.ctx, o.id);
  const now = o.now ?? new Date(); // after the row lock: a correction that went first is earlier
  assertAction(o.ctx, n, 'withdraw', now);
  // content stays: a withdrawn notice remains in the archive, shown as 已撤回 with its reason
  await db.query(
    `UPDATE notices SET state = 'withdrawn', withdrawn_at = $2, withdrawn_by = $3, withdraw_reason = $4, pinned = false, updated_at = $2 WHERE id = $1`,
    [o.id, now, o.ctx.accountId, o.reason],
  );
  await appendAudit(db, o.ctx.actor(), {
    action: 'notice.withdraw', targetType: 'notice', targetId: o.id, estateId: Number(n.estate_id), summary: { title: n.title, reason: o.reason },
  });
  return { id: o.id, state: 'withdrawn' };
}

export async function pinNotice(db: Db, o: { ctx: RequestContext; id: number; pinned: boolean; now?: Date }): Promise<{ id: number; pinned: boolean }> {
  const now = o.now ?? new Date();
  const n = await loadOwnNotice(db, o.ctx, o.id);
  if (n.state === 'withdrawn') assertAction(o.ctx, n, o.pinned ? 'pin' : 'unpin', now);
  if (Boolean(n.pinned) === o.pinned) return { id: o.id, pinned: o.pinned };
  await db.query(`UPDATE notices SET pinned = $2, updated_at = $3 WHERE id = $1`, [o.id, o.pinned, now]);
  await appendAudit(db, o.ctx.actor(), {
    action: 'notice.pin', targetType: 'notice', targetId: o.id, estateId: Number(n.estate_id), summary: { pinned: o.pinned },
  });
  return { id: o.id, pinned: o.pinned };
}
