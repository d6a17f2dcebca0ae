import { formatYuan } from '@gongzhi/contracts';
import type { fundReplenishmentItemBody, fundReplenishmentItemView } from '@gongzhi/contracts';
import type { z } from 'zod';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { actorKindsFor, createMeeting, rosterHouseholdCount, writeItems } from '../meetings/index.ts';
import { belowLine, ratioPct } from './balance-line.ts';

// The replenishment offer (续筹): when a building's fund falls below 30% of its initial deposits
// the committee is offered a matter-6 item (筹集维修资金, 民法典 第278条) limited to that building
// (its owners decide; TALLY-SPEC §5), put on a draft meeting of the estate or on a new draft.
// Written through the meetings module's own use cases, so the item is checked and audited like
// any other; an existing draft gets it appended after its items (their ids, which applications
// may link to, are kept).

type Input = z.infer<typeof fundReplenishmentItemBody>;
type View = z.infer<typeof fundReplenishmentItemView>;

/** The convener a role stands for when it opens a new draft (meetings/meeting-actor.ts). */
function convenerKindOf(ctx: RequestContext): 'committee' | 'street_office' | 'acting_body' {
  if (ctx.role === 'street_officer') return 'street_office';
  if (ctx.role === 'community_officer') return 'acting_body';
  return 'committee';
}


export async function addReplenishmentItem(opts: { db: Db; ctx: RequestContext; estateId: number; buildingId: number; input: Input }): Promise<View> {
  const { db, ctx, estateId, buildingId, input } = opts;
  ctx.assertEstate(estateId, '小区');
  const b = await db.query(
    `SELECT b.name, coalesce(sum(a.credits_fen - a.debits_fen), 0)::bigint AS balance, coalesce(sum(a.initial_fen), 0)::bigint AS initial
       FROM buildings b LEFT JOIN fund_accounts a ON a.building_id = b.id AND a.kind = 'unit'
      WHERE b.id = $1 AND b.estate_id = $2 GROUP BY b.id`,
    [buildingId, estateId],
  );
  if (!b.rows.length) throw notFound('楼栋');
  const name: string = b.rows[0].name;
  const balance = Number(b.rows[0].balance);
  const initial = Number(b.rows[0].initial);
  const item = {
    kind: 'matter' as const, matter: 6,
    title: input.title || `${name}续筹住宅专项维修资金`,
    description: input.description || [
      `${name}维修资金余额 ${formatYuan(balance)} 元，首期交存 ${formatYuan(initial)} 元，`,
      `为首期交存额的 ${ratioPct(balance, initial) ?? 0}%${belowLine(balance, initial) ? '，已低于 30%' : ''}。`,
      '依照《住宅专项维修资金管理办法》第十七条，提请本楼栋业主表决续筹维修资金。',
    ].join(''),
    scope: { buildings: [name] },
  };

  let meetingId: number;
  let created = false;
  if ('meetingId' in input) {
    const m = await db.query(`SELECT id, estate_id, state, convener_kind FROM meetings WHERE id = $1 FOR UPDATE`, [input.meetingId]);
    // a meeting of another estate is "not found" here as anywhere (no existence leak)
    if (!m.rows.length || Number(m.rows[0].estate_id) !== estateId) throw fieldError('body.meetingId', '本小区没有这个会议');
    if (!actorKindsFor(ctx.role, m.rows[0].convener_kind).includes('convener')) {
      throw new AppError('FORBIDDEN', { message: '只有本次会议的召集人可以添加表决事项' });
    }
    if (m.rows[0].state !== 'draft') {
      throw new AppError('INVALID_TRANSITION', { message: '只能把续筹事项加入草稿状态的会议', details: { state: m.rows[0].state } });
    }
    meetingId = input.meetingId;
    const same = await db.query(
      `SELECT id FROM meeting_items WHERE meeting_id = $1 AND matter = 6 AND scope -> 'buildings' ? $2`, [meetingId, name],
    );
    if (same.rows.length) return { meetingId, itemId: Number(same.rows[0].id), created: false };
    const pos = await db.query(`SELECT coalesce(max(position), 0)::int AS p FROM meeting_items WHERE meeting_id = $1`, [meetingId]);
    const [itemId] = await writeItems(db, meetingId, [{ ...item, description: item.description }], pos.rows[0].p + 1);
    await appendAudit(db, ctx.actor(), {
      action: 'meeting.update', targetType: 'meeting', targetId: meetingId, estateId,
      summary: { addedItemId: itemId, matter: 6, scope: item.scope, reason: 'fund.replenishment' },
    });
    return { meetingId, itemId: itemId!, created: false };
  }
  const committee = await db.query(`SELECT name FROM committees WHERE estate_id = $1 ORDER BY term_end DESC LIMIT 1`, [estateId]);
  const convenerKind = convenerKindOf(ctx);
  const res = await createMeeting({
    db, ctx,
    input: {
      estateId, title: input.newMeeting.title, description: '', convenerKind,
      convenerName: convenerKind === 'committee' ? (committee.rows[0]?.name ?? '业主委员会') : convenerKind === 'street_office' ? '街道办事处' : '居民委员会',
      rules: 'civil-code-2021', options: {}, extraordinary: false, firstMeeting: false,
      householdCount: Math.max(1, await rosterHouseholdCount(db, estateId)),
      votingOpensAt: input.newMeeting.votingOpensAt, votingClosesAt: input.newMeeting.votingClosesAt,
      allowChange: true, interimVisible: false, items: [item],
    },
  });
  meetingId = res.id;
  created = true;
  const it = await db.query(`SELECT id FROM meeting_items WHERE meeting_id = $1 ORDER BY position LIMIT 1`, [meetingId]);
  return { meetingId, itemId: Number(it.rows[0].id), created };
}
