import type { RevenueEntryView, revenueEntryBody, revenueReverseBody } from '@gongzhi/contracts';
import { formatYuan } from '@gongzhi/contracts';
import { isRevenueCategory } from '@gongzhi/domain';
import type { z } from 'zod';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { localDate } from '../meetings/index.ts';
import { responsiblePartyOf } from './disclosure-party.ts';
import { categoryLabel, readEntry } from './revenue-entries.ts';
import { assertPeriodOpen, lockRevenueBooks } from './revenue-books.ts';

// Booking into the common-revenue ledger. Entries are append-only (a trigger refuses UPDATE and
// DELETE): a mistake is corrected by a reversal, a new entry with the opposite effect booked into
// an open period. Nothing is booked into a period whose statement is published: what owners were
// shown stays true.

type EntryBody = z.infer<typeof revenueEntryBody>;

/** POST /estates/:id/revenue/entries: managed by the caller's party unless the body says otherwise. */
export async function createEntry(opts: { db: Db; ctx: RequestContext; estateId: number; input: EntryBody; now?: Date }): Promise<RevenueEntryView> {
  const { db, ctx, estateId, input } = opts;
  ctx.assertEstate(estateId, '小区');
  const party = responsiblePartyOf(ctx);
  return writeRevenueEntry(db, { estateId, input: { ...input, managedBy: input.managedBy ?? party }, actor: ctx.actor(), now: opts.now });
}

/** The booking itself (checks, lock, closed period, insert, audit), for the route above and the demo. */
export async function writeRevenueEntry(db: Db, o: {
  /** category: any string (checked against the direction here, a field error otherwise) */
  estateId: number; input: Omit<EntryBody, 'category'> & { category: string; managedBy: 'company' | 'committee' }; actor: AuditActor; now?: Date;
}): Promise<RevenueEntryView> {
  const { estateId, input, actor } = o;
  if (!isRevenueCategory(input.direction, input.category)) {
    throw fieldError('body.category', input.direction === 'income' ? '该类别不是收入类别' : '该类别不是支出类别');
  }
  if (input.periodEnd < input.periodStart) throw fieldError('body.periodEnd', '所属期间的结束日期不能早于开始日期');
  const today = localDate(o.now ?? new Date());
  if (input.bookedOn > today) throw fieldError('body.bookedOn', '记账日期不能晚于今天');
  await lockRevenueBooks(db, estateId);
  await assertPeriodOpen(db, estateId, input.bookedOn);
  const r = await db.query(
    `INSERT INTO revenue_entries (estate_id, direction, category, counterparty, period_start, period_end, booked_on, amount_fen, memo, managed_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [estateId, input.direction, input.category, input.counterparty, input.periodStart, input.periodEnd, input.bookedOn,
      input.amountFen, input.memo, input.managedBy, actor.accountId],
  );
  const id = Number(r.rows[0].id);
  await appendAudit(db, actor, {
    action: 'revenue.entry.create', targetType: 'revenue_entry', targetId: id, estateId,
    summary: { direction: input.direction, category: input.category, amountFen: input.amountFen, bookedOn: input.bookedOn, counterparty: input.counterparty },
  });
  return (await readEntry(db, id))!;
}

export async function reverseEntry(opts: {
  db: Db; ctx: RequestContext; entryId: number; input: z.infer<typeof revenueReverseBody>; now?: Date;
}): Promise<RevenueEntryView> {
  const { db, ctx, entryId, input } = opts;
  responsiblePartyOf(ctx);
  const found = await db.query(`SELECT estate_id FROM revenue_entries WHERE id = $1`, [entryId]);
  if (!found.rows[0]) throw notFound('收支记录');
  const estateId = Number(found.rows[0].estate_id);
  ctx.assertEstate(estateId, '收支记录');
  await lockRevenueBooks(db, estateId);
  const e = (await readEntry(db, entryId))!;
  if (e.reversesId != null) throw new AppError('CONFLICT', { message: '冲正记录本身不能再冲正；如有错误请重新记账' });
  if (e.reversedById != null) throw new AppError('CONFLICT', { message: `该记录已被冲正（#${e.reversedById}）`, details: { reversedById: e.reversedById } });
  const today = localDate(opts.now ?? new Date());
  const bookedOn = input.bookedOn ?? today;
  if (bookedOn > today) throw fieldError('body.bookedOn', '记账日期不能晚于今天');
  if (bookedOn < e.bookedOn) throw fieldError('body.bookedOn', `冲正日期不能早于原记录的记账日期 ${e.bookedOn}`);
  await assertPeriodOpen(db, estateId, bookedOn);
  const r = await db.query(
    `INSERT INTO revenue_entries (estate_id, direction, category, counterparty, period_start, period_end, booked_on, amount_fen, memo, managed_by, reverses_id, created_by)
     SELECT estate_id, direction, category, counterparty, period_start, period_end, $2, amount_fen, $3, managed_by, id, $4
       FROM revenue_entries WHERE id = $1 RETURNING id`,
    [entryId, bookedOn, `冲正 #${entryId}：${input.reason}`, ctx.accountId],
  );
  const id = Number(r.rows[0].id);
  await appendAudit(db, ctx.actor(), {
    action: 'revenue.entry.reverse', targetType: 'revenue_entry', targetId: id, estateId,
    summary: { reversesId: entryId, reason: input.reason, bookedOn, amountFen: e.amountFen, category: e.category,
      text: `冲正${categoryLabel(e.category)} ${formatYuan(e.amountFen)} 元` },
  });
  return (await readEntry(db, id))!;
}
