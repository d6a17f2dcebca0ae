import type { ProxyView } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { getProxyView } from './proxy-list.ts';
import { checkAttachment, findRosterHead, loadMeeting, ownVoterKeys, pickOwner, requireState, type RosterHead } from './proxy-shared.ts';

// Registering a proxy (委托投票): an owner names the person who will vote for them, or the
// convener records an authorisation brought in on paper. Either way the proxy waits for the
// convener's approval; only an approved proxy lets its holder vote (voter-keys.ts).

/** Proxies may be registered and reviewed from the notice until voting closes. */
export const PROXY_STATES = ['notice_published', 'voting_open'] as const;

export interface RegisterProxyInput {
  ctx: RequestContext;
  meetingId: number;
  /** 'owner': the caller names a proxy for a head they vote for; 'convener': for any head */
  as: 'owner' | 'convener';
  voterKey?: string;
  unitId?: number;
  ownerId?: number;
  holderPhone: string;
  holderName?: string;
  attachmentId: number;
}

export async function registerProxy(db: Db, input: RegisterProxyInput): Promise<ProxyView> {
  const { ctx } = input;
  const meeting = await loadMeeting(db, { ctx, meetingId: input.meetingId, lock: true });
  requireState(meeting, PROXY_STATES, '登记委托');

  const { head, ownerId } = input.as === 'owner' ? await ownersHead(db, input) : await anyHead(db, input);

  const h = await db.query('SELECT id, display_name, disabled FROM accounts WHERE phone = $1', [input.holderPhone]);
  const holder = h.rows[0];
  if (!holder || holder.disabled) {
    throw fieldError('body.holderPhone', '该手机号还没有注册共治账号（或账号已停用）：请代理人先用此手机号登录一次，再登记委托');
  }
  const holderId = Number(holder.id);
  if (holderId === ctx.accountId && input.as === 'owner') throw fieldError('body.holderPhone', '不能委托给自己');
  // a bound owner of the same head already votes for it in their own right
  const own = await ownVoterKeys(db, { meetingId: meeting.id, accountId: holderId });
  if (own.some((k) => k.voterKey === head.voterKey)) {
    throw fieldError('body.holderPhone', '该代理人本身就是这位投票人（房屋）的业主，可以直接投票，无需委托');
  }

  await checkAttachment(db, {
    attachmentId: input.attachmentId, estateId: meeting.estateId, uploaders: [ctx.accountId!, meeting.createdBy], what: '书面委托书',
  });

  const live = await db.query(
    `SELECT id, status FROM meeting_proxies WHERE meeting_id = $1 AND voter_key = $2 AND status IN ('pending', 'approved')`,
    [meeting.id, head.voterKey],
  );
  if (live.rows[0]) throw liveConflict(Number(live.rows[0].id), live.rows[0].status);

  let proxyId: number;
  try {
    const r = await db.query(
      `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, attachment_id, status, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id`,
      [meeting.id, head.voterKey, ownerId, holderId, input.holderName ?? holder.display_name, input.attachmentId, ctx.accountId],
    );
    proxyId = Number(r.rows[0].id);
  } catch (e) {
    // two registrations for one head at the same moment: the partial unique index decides
    if (isUniqueViolation(e)) throw liveConflict(null, 'pending');
    throw e;
  }
  await appendAudit(db, ctx.actor(), {
    action: 'meeting.proxy.register',
    targetType: 'meeting_proxy',
    targetId: proxyId,
    estateId: meeting.estateId,
    summary: { meetingId: meeting.id, voterKey: head.voterKey, ownerId, holderAccountId: holderId, attachmentId: input.attachmentId, by: input.as },
  });
  return getProxyView(db, proxyId);
}

function liveConflict(id: number | null, status: string): AppError {
  const what = status === 'approved' ? '已生效' : '待审核';
  return new AppError('CONFLICT', {
    message: `这位投票人在本次会议已有${what}的委托${id ? `（编号 ${id}）` : ''}，同一时间只能有一份委托：请先驳回或撤销原委托`,
    details: { proxyId: id, status },
  });
}

/** An owner names a proxy only for a head they vote for through their own approved binding. */
async function ownersHead(db: Db, input: RegisterProxyInput): Promise<{ head: RosterHead; ownerId: number }> {
  const keys = await ownVoterKeys(db, { meetingId: input.meetingId, accountId: input.ctx.accountId! });
  if (!keys.length) {
    throw new AppError('FORBIDDEN', { message: '您在本次会议的投票名册中没有可表决的房屋，不能登记委托' });
  }
  let key = input.voterKey;
  if (!key) {
    if (keys.length > 1) throw fieldError('body.voterKey', '您在本次会议代表多位投票人（多套房屋或共有），请选择要委托的一位');
    key = keys[0]!.voterKey;
  }
  const mine = keys.find((k) => k.voterKey === key);
  if (!mine) throw fieldError('body.voterKey', '您不是这位投票人的业主，不能为其登记委托');
  const head = await findRosterHead(db, { meetingId: input.meetingId, voterKey: key });
  return { head, ownerId: mine.ownerId };
}

async function anyHead(db: Db, input: RegisterProxyInput): Promise<{ head: RosterHead; ownerId: number }> {
  const head = await findRosterHead(db, { meetingId: input.meetingId, voterKey: input.voterKey, unitId: input.unitId });
  return { head, ownerId: pickOwner(head, input.ownerId) };
}
