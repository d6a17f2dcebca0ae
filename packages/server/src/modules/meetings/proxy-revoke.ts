import type { ProxyView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { getProxyView } from './proxy-list.ts';
import { PROXY_STATES } from './proxy-register.ts';
import { loadMeeting, ownVoterKeys, requireState } from './proxy-shared.ts';

// Withdrawing a proxy (撤销委托) before voting closes: by an owner of the head (they changed their
// mind or will vote themselves) or by the convener (the owner said so in person). From then on
// the holder cannot vote for the head; ballots the holder already cast stay as cast — they were
// valid when cast, and the owner's own later ballot replaces them under the usual precedence.
// Who and why are in the audit log; review_note keeps the reason next to the proxy.

export async function revokeProxy(
  db: Db,
  opts: { ctx: RequestContext; meetingId: number; proxyId: number; by: 'owner' | 'convener'; reason?: string },
): Promise<ProxyView> {
  const { ctx } = opts;
  const meeting = await loadMeeting(db, { ctx, meetingId: opts.meetingId, lock: true });
  const r = await db.query('SELECT * FROM meeting_proxies WHERE id = $1 AND meeting_id = $2 FOR UPDATE', [opts.proxyId, meeting.id]);
  const p = r.rows[0];
  if (!p) throw notFound('委托');
  if (opts.by === 'owner') {
    // an owner reaches only the proxies of heads they vote for themselves
    const own = await ownVoterKeys(db, { meetingId: meeting.id, accountId: ctx.accountId! });
    if (!own.some((k) => k.voterKey === p.voter_key)) throw notFound('委托');
  }
  requireState(meeting, PROXY_STATES, '撤销委托');
  if (p.status !== 'pending' && p.status !== 'approved') {
    throw new AppError('INVALID_TRANSITION', { message: '该委托已驳回或已撤销，无需再撤销', details: { status: p.status } });
  }
  const reason = opts.reason ?? (opts.by === 'owner' ? '业主撤销委托' : '召集人撤销委托');
  await db.query(`UPDATE meeting_proxies SET status = 'revoked', review_note = $2 WHERE id = $1`, [p.id, `撤销：${reason}`]);
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.proxy.revoke',
    targetType: 'meeting_proxy',
    targetId: Number(p.id),
    estateId: meeting.estateId,
    summary: { meetingId: meeting.id, voterKey: p.voter_key, holderAccountId: Number(p.holder_account_id), from: p.status, by: opts.by, reason },
  });
  const view = await getProxyView(db, Number(p.id));
  if (p.status === 'approved') {
    await notifyMany(db, {
      accountIds: [view.holderAccountId],
      subject: '投票委托已撤销',
      body: `您在「${meeting.title}」中代为表决的委托（房屋：${view.units.join('、')}）已撤销，您不能再代其投票。`,
    });
  }
  return view;
}
