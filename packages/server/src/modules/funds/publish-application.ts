import type { FundPublishResult } from '@gongzhi/contracts';
import { addCalendarDays, FUND_APPLICATION_STATE_LABELS } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notifyEach } from '../../platform/notify/notify.ts';
import { publisherKindOf, publisherName, publishSystemNotice } from '../disclosure/index.ts';
import { localDate } from '../meetings/index.ts';
import { fundActorFor } from './fund-actor.ts';
import { applicationInScope, yuan } from './stages-plan.ts';
import { transitionApplication } from './transition-application.ts';

// Publication of a settled use to the owners in scope (民法典 第281条: the use of the fund is
// published; for emergencies this is how owners learn of it at all). Every account bound to an
// owner of a unit in the charging scope gets one in-app notice with the actual cost and, for each
// of their units in scope, their own actual share beside the share they were shown before.
// The owners' pages (/my/fund/applications) read the same figures from the application.
// The same publication stands in the owners' notices (disclosure): a publicity to the units of the
// charging scope for USE_PUBLICITY_DAYS, without a second inbox message.

const USE_PUBLICITY_DAYS = 30;

export async function publishApplication(
  db: Db,
  opts: { ctx: RequestContext; applicationId: number; note?: string; now?: Date },
): Promise<FundPublishResult> {
  const { ctx, applicationId } = opts;
  const a = await applicationInScope(db, ctx, applicationId, true);
  const actor = fundActorFor(ctx, a, 'publish');
  let notified = 0;
  const out = await transitionApplication(db, {
    applicationId, action: 'publish', actor, ctxActor: ctx.actor(), now: opts.now,
    before: async () => {
      const r = await db.query(
        `SELECT b.account_id, bu.name || '-' || u.number AS unit, s.share_fen, s.actual_fen
           FROM fund_application_shares s
           JOIN bindings b ON b.unit_id = s.unit_id AND b.status = 'approved'
           JOIN accounts ac ON ac.id = b.account_id AND NOT ac.disabled
           JOIN units u ON u.id = s.unit_id JOIN buildings bu ON bu.id = u.building_id
          WHERE s.application_id = $1
          ORDER BY b.account_id, s.position`,
        [applicationId],
      );
      const byAccount = new Map<number, string[]>();
      for (const x of r.rows) {
        const lines = byAccount.get(Number(x.account_id)) ?? [];
        lines.push(`${x.unit} 实际分摊 ${yuan(Number(x.actual_fen ?? 0))}（申请时分摊 ${yuan(Number(x.share_fen))}）`);
        byAccount.set(Number(x.account_id), lines);
      }
      const actual = Number(a.actual_cost_fen ?? 0);
      const subject = `维修资金使用公示：${a.title}`;
      const head = `「${a.title}」已竣工验收并结算，实际费用 ${yuan(actual)}（预算 ${yuan(Number(a.budget_fen))}），` +
        `由列支范围内各户按专有部分面积分摊。`;
      const tail = `${opts.note ? `\n说明：${opts.note}` : ''}\n明细可在“我的维修资金”中查看。`;
      notified = await notifyEach(db, [...byAccount].map(([accountId, lines]) => ({
        accountId, subject, body: `${head}\n您的房屋：${lines.join('；')}。${tail}`,
      })));
      const kind = publisherKindOf(ctx) === 'company' ? 'company' : 'committee';
      const units = await db.query(`SELECT unit_id FROM fund_application_shares WHERE application_id = $1 ORDER BY position`, [applicationId]);
      const today = localDate(opts.now ?? new Date());
      const { noticeId } = await publishSystemNotice(db, {
        estateId: Number(a.estate_id), kind: 'publicity', title: subject.slice(0, 200),
        body: `${head}${opts.note ? `\n说明：${opts.note}` : ''}\n各户分摊明细可在“我的维修资金”中查看。`,
        audience: 'units', unitIds: units.rows.map((x) => Number(x.unit_id)),
        publisherKind: kind, publisherName: await publisherName(db, ctx, kind, Number(a.estate_id)),
        sourceType: 'fund_application', sourceId: applicationId, publicityStart: today, publicityEnd: addCalendarDays(today, USE_PUBLICITY_DAYS),
        actor: ctx.actor(), now: opts.now, inbox: false,
      });
      return { audit: { recipients: notified, actualCostFen: actual, noticeId } };
    },
  });
  return {
    id: Number(out.application.id), state: out.application.state, stateLabel: FUND_APPLICATION_STATE_LABELS[out.application.state], notified,
  };
}
