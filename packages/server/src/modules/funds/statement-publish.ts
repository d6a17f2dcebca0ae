import { formatYuan } from '@gongzhi/contracts';
import type { fundStatementList, fundStatementView } from '@gongzhi/contracts';
import type { z } from 'zod';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { publishSystemNotice } from '../disclosure/index.ts';
import { localDate } from '../meetings/index.ts';
import { buildEstateStatement } from './statement-build.ts';

// Publishing a statement stores its figures verbatim (fund_statements.body): what owners were
// shown stays what it was, even if a late booking with an earlier value date arrives afterwards.
// One statement per estate and period (unique); the bound owners get an inbox message, and the
// statement is announced in their notices (disclosure; no second inbox message). The books speak,
// not a person: the half-year job publishes most statements, so the publisher is the platform.

type StatementView = z.infer<typeof fundStatementView>;


/** Writes the statement of a period; null when the estate already has one for that period. */
export async function writeStatement(db: Db, o: {
  estateId: number; periodStart: string; periodEnd: string; actor: AuditActor; now?: Date;
}): Promise<number | null> {
  const body = await buildEstateStatement(db, o);
  const r = await db.query(
    `INSERT INTO fund_statements (estate_id, period_start, period_end, body, published_by, published_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (estate_id, period_start, period_end) DO NOTHING RETURNING id`,
    [o.estateId, o.periodStart, o.periodEnd, JSON.stringify(body), o.actor.accountId, o.now ?? new Date()],
  );
  if (!r.rows.length) return null;
  const id = Number(r.rows[0].id);
  await appendAudit(db, o.actor, {
    action: 'fund.statement.publish', targetType: 'fund_statement', targetId: id, estateId: o.estateId,
    summary: { periodStart: o.periodStart, periodEnd: o.periodEnd, closingFen: body.estate.closingFen, movements: body.movementCount },
  });
  // the message carries the figures; the board's announcement below sends none (inbox false)
  const owners = await db.query(
    `SELECT DISTINCT b.account_id FROM bindings b JOIN accounts a ON a.id = b.account_id
      WHERE b.estate_id = $1 AND b.status = 'approved' AND NOT a.disabled`,
    [o.estateId],
  );
  await notifyMany(db, {
    accountIds: owners.rows.map((x) => Number(x.account_id)),
    subject: `${body.estateName}维修资金对账单（${o.periodStart} 至 ${o.periodEnd}）已公布`,
    body: `期初余额 ${formatYuan(body.estate.openingFen)} 元，期末余额 ${formatYuan(body.estate.closingFen)} 元。可在“我的维修资金”查看各楼栋明细。`,
  });
  await publishSystemNotice(db, {
    estateId: o.estateId, kind: 'announcement', title: `${body.estateName}维修资金对账单（${o.periodStart} 至 ${o.periodEnd}）`.slice(0, 200),
    body: `维修资金对账期 ${o.periodStart} 至 ${o.periodEnd}：期初余额 ${formatYuan(body.estate.openingFen)} 元，`
      + `期末余额 ${formatYuan(body.estate.closingFen)} 元。各楼栋明细及本户余额可在“我的维修资金”中查看。`,
    audience: 'owners', publisherKind: 'platform', publisherName: '共治平台（维修资金账簿）',
    sourceType: 'fund_statement', sourceId: id, actor: o.actor, now: o.now, inbox: false,
  });
  return id;
}

export async function publishStatement(opts: {
  db: Db; deps: AppDeps; ctx: RequestContext; estateId: number; periodStart: string; periodEnd: string;
}): Promise<StatementView> {
  const { db, ctx, estateId, periodStart, periodEnd } = opts;
  ctx.assertEstate(estateId, '小区');
  if (periodEnd < periodStart) throw fieldError('body.periodEnd', '对账期结束日期不能早于开始日期');
  if (periodEnd >= localDate(new Date())) throw fieldError('body.periodEnd', '对账期须在今天之前结束（当天的记账尚未完成）');
  const id = await writeStatement(db, { estateId, periodStart, periodEnd, actor: ctx.actor() });
  if (id === null) throw new AppError('CONFLICT', { message: `该期对账单（${periodStart} 至 ${periodEnd}）已公布`, details: { periodStart, periodEnd } });
  return (await readStatement(db, id))!;
}

async function readStatement(db: Db, id: number): Promise<StatementView | null> {
  const r = await db.query(
    `SELECT s.id, s.estate_id, s.period_start::text AS ps, s.period_end::text AS pe, s.body, s.published_at,
            coalesce(a.display_name, '系统') AS by
       FROM fund_statements s LEFT JOIN accounts a ON a.id = s.published_by WHERE s.id = $1`,
    [id],
  );
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: Number(x.id), estateId: Number(x.estate_id), periodStart: x.ps, periodEnd: x.pe,
    publishedAt: new Date(x.published_at).toISOString(), publishedBy: x.by, body: x.body,
  };
}

export async function getStatement(opts: { db: Db; ctx: RequestContext; statementId: number }): Promise<StatementView> {
  const s = await readStatement(opts.db, opts.statementId);
  if (!s) throw notFound('对账单');
  opts.ctx.assertEstate(s.estateId, '对账单');
  return s;
}

/** Summaries of the statements of some estates, newest period first. */
export async function statementSummaries(db: Db, estateIds: number[]): Promise<z.infer<typeof fundStatementList>> {
  const r = await db.query(
    `SELECT s.id, s.estate_id, e.name AS estate_name, s.period_start::text AS ps, s.period_end::text AS pe, s.published_at,
            (s.body -> 'estate' ->> 'openingFen')::bigint AS opening, (s.body -> 'estate' ->> 'closingFen')::bigint AS closing
       FROM fund_statements s JOIN estates e ON e.id = s.estate_id
      WHERE s.estate_id = ANY($1::bigint[]) ORDER BY s.period_end DESC, s.id DESC`,
    [estateIds],
  );
  return {
    items: r.rows.map((x) => ({
      id: Number(x.id), estateId: Number(x.estate_id), estateName: x.estate_name, periodStart: x.ps, periodEnd: x.pe,
      publishedAt: new Date(x.published_at).toISOString(), openingFen: Number(x.opening), closingFen: Number(x.closing),
    })),
  };
}

export async function listStatements(opts: { db: Db; ctx: RequestContext; estateId: number }) {
  opts.ctx.assertEstate(opts.estateId, '小区');
  return statementSummaries(opts.db, [opts.estateId]);
}
