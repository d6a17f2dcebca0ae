import { formatYuan } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';
import { depositAtRate } from '@gongzhi/domain';
import { allocateInterest, ensureFundAccounts, halfBefore, postMovement, scheduleHalfYearStatement, writeStatement } from '../funds/index.ts';
import { localDate, SYSTEM_ACTOR } from '../meetings/index.ts';
import { generateFundApplications, type DemoFundApplications } from './generate-fund-applications.ts';

// The maintenance fund of the demo city (issue 4), written through the fund's own writers
// (postMovement for every booking, the application use cases, writeStatement):
//   - every estate: initial deposits at a rate per m² of each unit's area (rounded per unit) in the
//     year it was delivered; in 翠竹苑 interest allocated by balance every 21 June since 2021;
//   - 翠竹苑: a use completed in 2022 (an emergency facade repair on one building, settled and
//     published, which left that building below the 30% line), then applications in the states a
//     demo wants to show (generate-fund-applications.ts);
//   - statements of the last two half-years published for every estate, and the half-yearly job.

export interface DemoFundsSummary {
  estates: number;
  movements: number;
  applications: number;
  statements: number;
}

/** 元 per m² of the initial deposit, by estate code (the cities' rates run 2–8% of build cost). */
const RATE_FEN_PER_SQM = (i: number) => 8_000 + 1_000 * (i % 5);
/** bank rate applied on 21 June, in basis points of the estate's balance */
const INTEREST_BP = 135;
const CUIZHU = 'DEMO01';

async function bookDeposits(db: Db, estateId: number, bookedOn: string, rate: number): Promise<void> {
  const u = await db.query(`SELECT id, area_centi FROM units WHERE estate_id = $1 ORDER BY id`, [estateId]);
  await postMovement(db, {
    estateId, kind: 'deposit', bookedOn, memo: `首期交存（${formatYuan(rate)} 元/m²）`, actor: SYSTEM_ACTOR,
    lines: u.rows.map((x) => ({ unitId: Number(x.id), amountFen: depositAtRate(Number(x.area_centi), rate) })),
    auditExtra: { rateFenPerSqm: rate },
  });
}

/** Interest on 21 June of `year`, by balance (the same rule as POST /estates/:id/fund/interest). */
export async function bookDemoInterest(db: Db, estateId: number, year: number): Promise<void> {
  const a = await db.query(
    `SELECT coalesce(sum(credits_fen - debits_fen), 0) AS bal FROM fund_accounts WHERE estate_id = $1 AND kind = 'unit'`,
    [estateId],
  );
  const totalFen = Math.floor((Number(a.rows[0].bal) * INTEREST_BP) / 10_000);
  if (totalFen <= 0) return;
  await allocateInterest(db, {
    estateId, totalFen, bookedOn: `${year}-06-21`, memo: `${year - 1}—${year} 年度利息（按分户余额分摊）`, actor: SYSTEM_ACTOR,
  });
}

export async function generateFunds(db: Db, opts: { now?: Date; dataDir?: string | null } = {}): Promise<DemoFundsSummary> {
  const now = opts.now ?? new Date();
  const today = localDate(now);
  const thisYear = Number(today.slice(0, 4));
  const interestYears = (from: number, to = thisYear) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k).filter((y) => `${y}-06-21` < today);
  const estates = await db.query(`SELECT id, code FROM estates WHERE code LIKE 'DEMO%' ORDER BY code`);
  let applications: DemoFundApplications = { applications: 0 };
  for (const e of estates.rows) await ensureFundAccounts(db, Number(e.id));
  // the tables were filled in this very transaction: give the planner their real size before
  // the bookings join them
  await db.query('ANALYZE units, buildings, fund_accounts');
  for (const [i, e] of estates.rows.entries()) {
    const estateId = Number(e.id);
    const deliveredYear = Math.min(2003 + i, thisYear - 3);
    await bookDeposits(db, estateId, `${deliveredYear}-09-01`, RATE_FEN_PER_SQM(i));
    if (e.code === CUIZHU) {
      await bookDemoInterest(db, estateId, 2021);
      // the 2022 use, then the later years' interest, then today's applications
      applications = await generateFundApplications(db, {
        estateId, now, dataDir: opts.dataDir ?? null,
        afterPastUse: async () => { for (const y of interestYears(2022)) await bookDemoInterest(db, estateId, y); },
      });
    }
    // the other estates have their deposits only: every booking is a row per unit (one year's
    // interest over them would be 18,000 rows more), and the demo must load in seconds
  }
  // the last two half-years that have ended, published for every estate with books
  const boundary = `${thisYear}-${today >= `${thisYear}-07-01` ? '07' : '01'}-01`;
  const last = halfBefore(boundary);
  // a half-year's start is itself a boundary: the half before it
  const periods = [halfBefore(last.periodStart), last];
  let statements = 0;
  for (const e of estates.rows) {
    for (const p of periods) {
      if (await writeStatement(db, { estateId: Number(e.id), ...p, actor: SYSTEM_ACTOR, now })) statements++;
    }
  }
  await scheduleHalfYearStatement(db, now);
  const m = await db.query(`SELECT count(*)::int AS n FROM fund_movements`);
  return { estates: estates.rows.length, movements: m.rows[0].n, applications: applications.applications, statements };
}
