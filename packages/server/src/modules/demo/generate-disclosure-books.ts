import type { FilingContentInput } from '@gongzhi/contracts';
import { addCalendarDays, periodBounds, signedRevenueAmount, type RevenueCategory } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import {
  acknowledgeFiling, createFiling, fileFiling, publisherName, returnFiling, updateFiling, writeRevenueEntry, writeRevenueStatement,
} from '../disclosure/index.ts';

// The demo's common revenue and periodic filings (issue 5), written through the disclosure
// module's own writers and use cases (see generate-disclosure.ts for the whole picture):
//   - 翠竹苑's ledger for three quarters (parking, advertising, venue rental; upkeep, the company's
//     commission, tax), the first two stated and published, the last left for the demo user;
//   - its filings: the first quarter filed and acknowledged by both parties; the second — the
//     company's acknowledged, the committee's returned and filed again as version 2; the third —
//     the company's package still a draft;
//   - another estate's company package filed on time, one filed late; the rest are flagged by the
//     overdue check (generate-disclosure.ts).

export interface Quarter { key: string; start: string; end: string }
export const quarterOf = (key: string): Quarter => ({ key, ...periodBounds('quarter', key)! });

/** A local moment (Asia/Shanghai) on `date`, never later than `now`. */
export const at = (date: string, hhmm: string, now: Date): Date => {
  const d = new Date(`${date}T${hhmm}:00+08:00`);
  return d.getTime() < now.getTime() ? d : new Date(now.getTime() - 3_600_000);
};

type EntryPlan = [direction: 'income' | 'expense', category: RevenueCategory, counterparty: string, amountFen: number, managedBy: 'company' | 'committee', memo: string];

/** One quarter's bookings; `n` varies the figures from quarter to quarter. */
function quarterPlan(n: number): { month: number; day: number; e: EntryPlan }[] {
  const rows: { month: number; day: number; e: EntryPlan }[] = [];
  for (let m = 0; m < 3; m++) {
    rows.push({ month: m, day: 28, e: ['income', 'parking', '翠竹苑地面临时停车收费', 1_862_000 + 37_500 * ((n + m) % 4), 'company', '临时停车费（扣除收费员成本前）'] });
  }
  rows.push({ month: 0, day: 15, e: ['income', 'advertising', '示范市分众传媒有限公司', 2_400_000, 'company', '电梯轿厢广告位（季度）'] });
  rows.push({ month: 1, day: 10, e: ['income', 'venue', '翠竹苑业主篮球队', 180_000 + 20_000 * n, 'committee', '会所篮球场租用'] });
  rows.push({ month: 1, day: 20, e: ['expense', 'maintenance', '示范市安捷电梯维保有限公司', 865_000 + 15_000 * n, 'company', '公共部位维修：单元门禁与照明'] });
  rows.push({ month: 2, day: 25, e: ['expense', 'service_commission', '示范市安居物业服务有限公司', 620_000 + 11_000 * n, 'company', '公共收益管理酬金（按合同 10%）'] });
  rows.push({ month: 2, day: 26, e: ['expense', 'tax', '国家税务总局示范市东湖区税务局', 371_000 + 6_500 * n, 'company', '增值税及附加'] });
  return rows;
}

const monthEnd = (q: Quarter, month: number) => periodBounds('month', ymd(q, month, 1).slice(0, 7))!.end;
const ymd = (q: Quarter, month: number, day: number) => {
  const m = Number(q.start.slice(5, 7)) + month;
  return `${q.start.slice(0, 4)}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/** Books three quarters; states and publishes the first two. Returns the statements' ids. */
export async function bookRevenue(db: Db, o: { estateId: number; quarters: Quarter[]; manager: RequestContext; chair: RequestContext; now: Date }): Promise<number[]> {
  const { estateId, manager, chair, now } = o;
  let closing = 0;
  const statements: number[] = [];
  for (const [n, q] of o.quarters.entries()) {
    let net = 0;
    for (const { month, day, e } of quarterPlan(n)) {
      const [direction, category, counterparty, amountFen, managedBy, memo] = e;
      const bookedOn = ymd(q, month, day);
      const monthStart = ymd(q, month, 1);
      await writeRevenueEntry(db, {
        estateId, actor: (managedBy === 'company' ? manager : chair).actor(), now: at(bookedOn, '16:00', now),
        input: { direction, category, counterparty, periodStart: category === 'parking' ? monthStart : q.start, periodEnd: category === 'parking' ? monthEnd(q, month) : q.end, bookedOn, amountFen, memo, managedBy },
      });
      net += signedRevenueAmount({ direction, amountFen });
    }
    closing += net;
    if (n < o.quarters.length - 1) {
      const s = await writeRevenueStatement(db, {
        estateId, party: 'company', publisherName: await publisherName(db, manager, 'company', estateId), actor: manager.actor(),
        now: at(addCalendarDays(q.end, 8), '10:00', now),
        input: { periodKind: 'quarter', periodKey: q.key, declaredClosingFen: closing, note: '公共收益专户银行对账单已核对一致。' },
      });
      statements.push(s.id);
    }
  }
  return statements;
}

const companyContent = (company: string, contract: { startsOn: string; endsOn: string }, q: Quarter): FilingContentInput => ({
  feeStandards: [
    { item: '物业服务费（住宅）', basis: '按房屋建筑面积', priceFen: 180, unit: '元/㎡·月' },
    { item: '物业服务费（商铺）', basis: '按房屋建筑面积', priceFen: 350, unit: '元/㎡·月' },
    { item: '地面临时停车费', basis: '首小时免费，之后按次', priceFen: 500, unit: '元/次' },
    { item: '地下车位管理费', basis: '按个', priceFen: 8_000, unit: '元/个·月' },
  ],
  serviceContract: { companyName: company, startsOn: contract.startsOn, endsOn: contract.endsOn, summary: '前期物业服务合同期满后经业主大会选聘续签，服务内容含秩序维护、保洁、绿化、共用设施设备维护。' },
  contractors: [
    { name: '示范市安捷电梯维保有限公司', service: '电梯维护保养', amountFen: 14_400_000, startsOn: `${q.start.slice(0, 4)}-01-01`, endsOn: `${q.start.slice(0, 4)}-12-31` },
    { name: '示范市洁美环境服务有限公司', service: '公共区域保洁', amountFen: 28_800_000 },
  ],
  notes: `${q.key} 季度公共收益及维修资金收支情况见所附报表。`,
});

const committeeContent = (q: Quarter, extra = ''): FilingContentInput => ({
  feeStandards: [], serviceContract: null, contractors: [],
  notes: `业主委员会管理事项：会所篮球场租赁收入（${q.key}），业主委员会工作经费使用情况。${extra}`,
});

async function contractOf(db: Db, estateId: number, companyId: number | null) {
  const r = await db.query(
    `SELECT c.name, sc.starts_on::text AS s, sc.ends_on::text AS e FROM service_contracts sc JOIN companies c ON c.id = sc.company_id
      WHERE sc.estate_id = $1 AND sc.company_id = $2 ORDER BY sc.ends_on DESC LIMIT 1`,
    [estateId, companyId],
  );
  const x = r.rows[0];
  return { name: String(x.name), startsOn: String(x.s), endsOn: String(x.e) };
}

/** A package compiled and filed by `ctx` on `filedOn`; reviewed by `street` when given. */
async function filePackage(db: Db, o: {
  ctx: RequestContext; estateId: number; q: Quarter; content: FilingContentInput; now: Date; createdOn: string; filedOn: string;
  revenueStatementId?: number | null; fundStatementId?: number | null;
}): Promise<number> {
  const d = await createFiling(db, { ctx: o.ctx, estateId: o.estateId, periodKey: o.q.key, now: at(o.createdOn, '09:30', o.now) });
  await updateFiling(db, { ctx: o.ctx, id: d.id, body: { content: o.content, revenueStatementId: o.revenueStatementId ?? null, fundStatementId: o.fundStatementId ?? null } });
  await fileFiling(db, { ctx: o.ctx, id: d.id, now: at(o.filedOn, '15:00', o.now) });
  return d.id;
}

export async function fileDisclosures(db: Db, o: {
  estateId: number; quarters: Quarter[]; statements: number[]; fundStatementId: number | null;
  manager: RequestContext; chair: RequestContext; street: RequestContext; now: Date;
}): Promise<number> {
  const { estateId, manager, chair, street, now } = o;
  const [q1, q2, q3] = o.quarters as [Quarter, Quarter, Quarter];
  const contract = await contractOf(db, estateId, manager.scope.companyId);
  const base = { estateId, now };
  let n = 0;
  // Q1: both parties on time, acknowledged
  for (const [ctx, content] of [[manager, companyContent(contract.name, contract, q1)], [chair, committeeContent(q1)]] as const) {
    const id = await filePackage(db, { ...base, ctx, q: q1, content, createdOn: addCalendarDays(q1.end, 10), filedOn: addCalendarDays(q1.end, 20), revenueStatementId: ctx === manager ? o.statements[0] : null });
    await acknowledgeFiling(db, { ctx: street, id, note: '', now: at(addCalendarDays(q1.end, 24), '11:00', now) });
    n++;
  }
  // Q2: the company's acknowledged; the committee's returned, then version 2 filed
  const c2 = await filePackage(db, { ...base, ctx: manager, q: q2, content: companyContent(contract.name, contract, q2), createdOn: addCalendarDays(q2.end, 9), filedOn: addCalendarDays(q2.end, 18), revenueStatementId: o.statements[1], fundStatementId: o.fundStatementId });
  await acknowledgeFiling(db, { ctx: street, id: c2, note: '材料齐全，予以备案。', now: at(addCalendarDays(q2.end, 22), '10:00', now) });
  const k2 = await filePackage(db, { ...base, ctx: chair, q: q2, content: committeeContent(q2), createdOn: addCalendarDays(q2.end, 12), filedOn: addCalendarDays(q2.end, 19) });
  await returnFiling(db, { ctx: street, id: k2, reason: '未附业主委员会工作经费收支明细，请补充后重新报送。', now: at(addCalendarDays(q2.end, 23), '10:00', now) });
  const v2 = await createFiling(db, { ctx: chair, estateId, periodKey: q2.key, now: at(addCalendarDays(q2.end, 25), '09:00', now) });
  await updateFiling(db, { ctx: chair, id: v2.id, body: { content: committeeContent(q2, '工作经费：收入 12,000.00 元（业主大会决定从公共收益中列支），支出 8,350.00 元（办公用品、会议场地），结余 3,650.00 元。') } });
  await fileFiling(db, { ctx: chair, id: v2.id, now: at(addCalendarDays(q2.end, 27), '16:00', now) });
  n += 3;
  // Q3: the company's package compiled, not yet filed (the demo user files it)
  const d3 = await createFiling(db, { ctx: manager, estateId, periodKey: q3.key, now: at(addCalendarDays(q3.end, 6), '09:30', now) });
  await updateFiling(db, { ctx: manager, id: d3.id, body: { content: companyContent(contract.name, contract, q3) } });
  return n + 1;
}

/** Other estates of the manager's company: the first files the last quarter on time, the second
 *  late; the others file nothing (the overdue check flags them). */
export async function fileElsewhere(db: Db, o: { exceptEstateId: number; q: Quarter; manager: RequestContext; now: Date; dueDays: number }): Promise<number> {
  const others = o.manager.scope.estateIds.filter((id) => id !== o.exceptEstateId).slice(0, 2);
  for (const [i, estateId] of others.entries()) {
    const contract = await contractOf(db, estateId, o.manager.scope.companyId);
    await filePackage(db, {
      ctx: o.manager, estateId, q: o.q, content: companyContent(contract.name, contract, o.q), now: o.now,
      createdOn: addCalendarDays(o.q.end, 5), filedOn: addCalendarDays(o.q.end, i === 0 ? 15 : o.dueDays + 6),
    });
  }
  return others.length;
}
