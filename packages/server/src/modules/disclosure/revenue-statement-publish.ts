import { formatYuan, type RevenueStatementView, type revenueStatementBody } from '@gongzhi/contracts';
import { checkClosing, formatAreaCenti, netPerSquareMetre, signedRevenueAmount, unitSharesOfNet } from '@gongzhi/domain';
import type { z } from 'zod';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { compareScopeUnits } from '../funds/scope-units.ts';
import { publisherName, responsiblePartyOf, type ResponsibleParty } from './disclosure-party.ts';
import { publishSystemNotice } from './notice-publish.ts';
import { lockRevenueBooks } from './revenue-books.ts';
import { categoryLabel } from './revenue-entries.ts';
import { computePeriod } from './revenue-period.ts';
import { readStatement } from './revenue-statement-read.ts';

// Publishing a common-revenue statement (公共收益收支情况公告). Under the estate's books lock: the
// period is recomputed, refused if it overlaps a statement, precedes one, leaves earlier entries
// unstated or has not ended; the balance the publisher declares must equal opening + income −
// expense to the fen. The figures and the entries behind them are frozen in the statement's body,
// each unit of the estate gets its share of the net by area (one INSERT of arrays, for 20,000
// units as for 20), and the owners are told through the notices module.

type StatementInput = z.infer<typeof revenueStatementBody>;

/** POST /estates/:id/revenue/statements: published by the caller's company or committee. */
export async function publishRevenueStatement(opts: {
  db: Db; ctx: RequestContext; estateId: number; input: StatementInput; now?: Date;
}): Promise<RevenueStatementView> {
  const { db, ctx, estateId } = opts;
  ctx.assertEstate(estateId, '小区');
  const party = responsiblePartyOf(ctx);
  return writeRevenueStatement(db, {
    estateId, party, publisherName: await publisherName(db, ctx, party, estateId), actor: ctx.actor(), input: opts.input, now: opts.now,
  });
}

/** The publication itself, for a caller that has settled who publishes (the route above, the demo). */
export async function writeRevenueStatement(db: Db, o: {
  estateId: number; party: ResponsibleParty; publisherName: string; actor: AuditActor; input: StatementInput; now?: Date;
}): Promise<RevenueStatementView> {
  const { estateId, input, party, actor } = o;
  const pubName = o.publisherName;
  await lockRevenueBooks(db, estateId);
  const p = await computePeriod(db, { estateId, periodKind: input.periodKind, periodKey: input.periodKey, field: 'body.periodKey', now: o.now });
  if (p.blockedKind === 'not_ended') throw fieldError('body.periodKey', p.blockedReason!);
  if (p.blockedReason) {
    throw new AppError('CONFLICT', { message: p.blockedReason, details: { field: 'body.periodKey', overlaps: p.overlaps, unstatedEarlierCount: p.unstatedEarlierCount } });
  }
  const { closingFen, differenceFen } = checkClosing({ openingFen: p.openingFen, incomeFen: p.incomeFen, expenseFen: p.expenseFen, declaredClosingFen: input.declaredClosingFen });
  if (differenceFen !== 0) {
    throw new AppError('REVENUE_UNBALANCED', {
      message: `申报期末余额与账面计算不符，差额 ¥${formatYuan(Math.abs(differenceFen))}（申报 ¥${formatYuan(input.declaredClosingFen)}，`
        + `账面 ¥${formatYuan(closingFen)} = 期初 ¥${formatYuan(p.openingFen)} + 收入 ¥${formatYuan(p.incomeFen)} − 支出 ¥${formatYuan(p.expenseFen)}）`,
      details: { field: 'body.declaredClosingFen', differenceFen, computedClosingFen: closingFen },
    });
  }

  const entries = await db.query(
    `SELECT id, direction, category, counterparty, period_start::text AS ps, period_end::text AS pe, booked_on::text AS booked_on,
            amount_fen, memo, managed_by, reverses_id
       FROM revenue_entries WHERE estate_id = $1 AND booked_on BETWEEN $2::date AND $3::date ORDER BY booked_on, id`,
    [estateId, p.periodStart, p.periodEnd],
  );
  const estate = await db.query(`SELECT name FROM estates WHERE id = $1`, [estateId]);
  const estateName = String(estate.rows[0].name);
  const body = {
    estateName, publisherKind: party, publisherName: pubName, note: input.note ?? '', declaredClosingFen: input.declaredClosingFen,
    byCategory: p.byCategory,
    entries: entries.rows.map((x) => ({
      id: Number(x.id), direction: x.direction, category: x.category, categoryLabel: categoryLabel(x.category), counterparty: x.counterparty,
      periodStart: x.ps, periodEnd: x.pe, bookedOn: x.booked_on, amountFen: Number(x.amount_fen),
      signedAmountFen: signedRevenueAmount({ direction: x.direction, amountFen: Number(x.amount_fen), reversal: x.reverses_id != null }),
      memo: x.memo, managedBy: x.managed_by, reversesId: x.reverses_id != null ? Number(x.reverses_id) : null,
    })),
  };
  const now = o.now ?? new Date();
  const ins = await db.query(
    `INSERT INTO revenue_statements (estate_id, period_kind, period_key, period_start, period_end, opening_fen, income_fen, expense_fen,
                                     net_fen, closing_fen, body, total_area_centi, unit_count, published_by, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [estateId, input.periodKind, input.periodKey, p.periodStart, p.periodEnd, p.openingFen, p.incomeFen, p.expenseFen, p.netFen,
      closingFen, JSON.stringify(body), p.totalAreaCenti, p.unitCount, actor.accountId, now],
  );
  const statementId = Number(ins.rows[0].id);

  const unitRows = await db.query(
    `SELECT u.id, u.area_centi, u.number, b.name AS building FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.estate_id = $1`,
    [estateId],
  );
  const units = unitRows.rows
    .map((x) => ({ id: Number(x.id), unitId: Number(x.id), areaCenti: Number(x.area_centi), buildingName: x.building as string, number: x.number as string }))
    .sort(compareScopeUnits);
  const shares = unitSharesOfNet(p.netFen, units);
  await db.query(
    `INSERT INTO revenue_statement_shares (statement_id, unit_id, area_centi, share_fen)
     SELECT $1, u, a, s FROM unnest($2::bigint[], $3::bigint[], $4::bigint[]) AS t(u, a, s)`,
    [statementId, shares.map((s) => s.id), shares.map((s) => s.areaCenti), shares.map((s) => s.shareFen)],
  );

  const title = `${estateName}${p.periodLabel}公共收益收支情况公告`;
  const nonZero = (dir: 'income' | 'expense') => p.byCategory.filter((c) => c.direction === dir && c.amountFen !== 0)
    .map((c) => `${c.label} ¥${formatYuan(c.amountFen)}`).join('，');
  const text = [
    `${estateName}${p.periodLabel}（${p.periodStart} 至 ${p.periodEnd}）公共收益收支情况如下：`,
    `期初余额 ¥${formatYuan(p.openingFen)}；本期收入 ¥${formatYuan(p.incomeFen)}${nonZero('income') ? `（${nonZero('income')}）` : ''}；`
      + `本期支出 ¥${formatYuan(p.expenseFen)}${nonZero('expense') ? `（${nonZero('expense')}）` : ''}；本期净收益 ¥${formatYuan(p.netFen)}；期末余额 ¥${formatYuan(closingFen)}。`,
    `公共收益归全体业主所有（民法典第二百八十二条）。本期净收益按专有部分面积分摊至全小区 ${p.unitCount} 户（总面积 ${formatAreaCenti(p.totalAreaCenti)} ㎡，`
      + `每平方米 ${netPerSquareMetre(p.netFen, p.totalAreaCenti)} 元），各户分摊额可在“公共收益”中查看。`,
    ...(input.note ? [`说明：${input.note}`] : []),
    `发布：${pubName}`,
  ].join('\n');
  const notice = await publishSystemNotice(db, {
    estateId, kind: 'announcement', title, body: text, audience: 'owners', publisherKind: party, publisherName: pubName,
    sourceType: 'revenue_statement', sourceId: statementId, actor, now,
  });
  await db.query(`UPDATE revenue_statements SET notice_id = $2 WHERE id = $1`, [statementId, notice.noticeId]);
  await appendAudit(db, actor, {
    action: 'revenue.statement.publish', targetType: 'revenue_statement', targetId: statementId, estateId,
    summary: {
      periodKey: input.periodKey, openingFen: p.openingFen, incomeFen: p.incomeFen, expenseFen: p.expenseFen, closingFen,
      entries: p.entryCount, units: p.unitCount, noticeId: notice.noticeId, recipients: notice.recipientCount,
    },
  });
  return (await readStatement(db, statementId))!;
}
