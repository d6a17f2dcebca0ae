import type { ProxyView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { getProxyView } from './proxy-list.ts';
import { PROXY_STATES } from './proxy-register.ts';
import { loadMeeting, requireState } from './proxy-shared.ts';

// The convener approves a proxy (its holder may then vote for the owner) or rejects it with a
// reason. Holder and requester hear about it in their inbox.

export async function reviewProxy(
  db: Db,
  opts: { ctx: RequestContext; meetingId: number; proxyId: number; decision: 'approve' | 'reject'; reason?: string },
): Promise<ProxyView> {
  const { ctx } = opts;
  const meeting = await loadMeeting(db, { ctx, meetingId: opts.meetingId, lock: true });
  const r = await db.query('SELECT * FROM meeting_proxies WHERE id = $1 AND meeting_id = $2 FOR UPDATE', [opts.proxyId, meeting.id]);
  const p = r.rows[0];
  if (!p) throw notFound('委托');
  requireState(meeting, PROXY_STATES, '审核委托');
  if (p.status !== 'pending') {
    throw new AppError('INVALID_TRANSITION', { message: '该委托已审核过，不能再次审核', details: { status: p.status } });
  }
  const approve = opts.decision === 'approve';
  await db.query(
    `UPDATE meeting_proxies SET status = $2, reviewed_by = $3, reviewed_at = now(), review_note = $4 WHERE id = $1`,
    [p.id, approve ? 'approved' : 'rejected', ctx.accountId, approve ? null : opts.reason],
  );
  await appendAudit(db, ctx.actor(), {
    action: approve ? 'meeting.proxy.approve' : 'meeting.proxy.reject',
    targetType: 'meeting_proxy',
    targetId: Number(p.id),
    estateId: meeting.estateId,
    summary: { meetingId: meeting.id, voterKey: p.voter_key, holderAccountId: Number(p.holder_account_id), ...(approve ? {} : { reason: opts.reason }) },
  });
  const view = await getProxyView(db, Number(p.id));
  const units = view.units.join('、');
  if (approve) {
    await notifyMany(db, {
      accountIds: [view.holderAccountId],
      subject: '您已成为投票代理人',
      body: `您受业主委托，在「${meeting.title}」中代为表决（房屋：${units}）。请在投票期间进入该会议，以代理人身份投票。`,
    });
  }
  await notifyMany(db, {
    accountIds: [view.requestedBy].filter((id) => id !== ctx.accountId),
    subject: approve ? '委托投票已通过审核' : '委托投票未通过审核',
    body: approve
      ? `您在「${meeting.title}」登记的委托（房屋：${units}，代理人：${view.holderName}）已通过审核。`
      : `您在「${meeting.title}」登记的委托（房屋：${units}）未通过审核，原因：${opts.reason}`,
  });
  return view;
}
