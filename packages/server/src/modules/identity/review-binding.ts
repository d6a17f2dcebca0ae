import type { BindingView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notify } from '../../platform/notify/notify.ts';
import { bindingById } from './binding-view.ts';

/** The committee or the community approves or rejects a pending roster-match request in its
 *  estates; the owner is told in the inbox either way. */
export async function reviewBinding(opts: {
  db: Db;
  deps: AppDeps;
  ctx: RequestContext;
  bindingId: number;
  decision: 'approve' | 'reject';
  note?: string;
}): Promise<BindingView> {
  const { db, deps, ctx, bindingId, decision } = opts;
  const r = await db.query('SELECT estate_id, account_id, owner_id, status FROM bindings WHERE id = $1 FOR UPDATE', [bindingId]);
  const b = r.rows[0];
  if (!b) throw notFound('绑定申请');
  const estateId = Number(b.estate_id);
  ctx.assertEstate(estateId, '绑定申请');
  if (b.status !== 'pending') throw new AppError('INVALID_TRANSITION', { message: '只能审核待审核的申请' });
  const status = decision === 'approve' ? 'approved' : 'rejected';
  await db.query(
    `UPDATE bindings SET status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4 WHERE id = $1`,
    [bindingId, status, ctx.accountId, opts.note ?? null],
  );
  // the account becomes this person once a binding is approved (if it was nobody yet)
  if (decision === 'approve') {
    await db.query('UPDATE accounts SET owner_id = $2 WHERE id = $1 AND owner_id IS NULL', [b.account_id, b.owner_id]);
  }
  await appendAudit(db, ctx.actor(), {
    action: `binding.${decision}`,
    targetType: 'binding',
    targetId: bindingId,
    estateId,
    summary: { status, note: opts.note ?? null },
  });
  const view = await bindingById(db, bindingId);
  await notify(db, deps.sender, {
    channel: 'inbox',
    accountId: Number(b.account_id),
    subject: decision === 'approve' ? '房屋绑定已通过' : '房屋绑定未通过',
    body:
      decision === 'approve'
        ? `您对 ${view.estateName} ${view.unitLabel} 的绑定申请已通过审核。`
        : `您对 ${view.estateName} ${view.unitLabel} 的绑定申请未通过审核。原因：${opts.note ?? ''}`,
  });
  return view;
}
