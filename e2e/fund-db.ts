import type pg from 'pg';
import { apportionByArea } from '@gongzhi/domain';
import { withDb } from './meeting-db.ts';

// The maintenance fund an owner's phone journey looks at, arranged on the e2e platform's database
// through the fund's own writers (ensureFundAccounts / postMovement: the books stay double-entry,
// balanced and audited) and plain rows for the applications' later states, which the owner only
// reads. Shares are apportioned by the domain's apportionByArea over the scope in the fund's unit
// order (building, then number, natural), as submission freezes them. Deposits are booked only
// when the owner's units have none yet, so demo data loaded by the platform is kept as it is.

const natural = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

export interface FundUnitRow {
  id: number;
  buildingId: number;
  building: string;
  number: string;
  areaCenti: number;
  status: string;
  kind: string;
}

export interface ArrangedFund {
  estateId: number;
  /** owner1's units, in the fund's order */
  units: FundUnitRow[];
  /** owner1's first residential unit: the roof, the elevator and the rejected use charge it */
  home: FundUnitRow;
  published: { id: number; title: string; building: string };
  inVote: { id: number; title: string; meetingId: number };
  emergency: { id: number; title: string };
  rejected: { id: number; title: string; reason: string };
}

async function accountId(db: pg.Client, username: string): Promise<number> {
  const r = await db.query('SELECT id FROM accounts WHERE username = $1', [username]);
  return Number(r.rows[0].id);
}

async function boundUnits(db: pg.Client, username: string): Promise<FundUnitRow[]> {
  const r = await db.query(
    `SELECT u.id, u.building_id, b.name AS building, u.number, u.area_centi, u.status::text AS status, u.kind::text AS kind
       FROM bindings g JOIN accounts a ON a.id = g.account_id JOIN units u ON u.id = g.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE a.username = $1 AND g.status = 'approved'`,
    [username],
  );
  return r.rows.map(toUnit).sort(fundOrder);
}

function toUnit(x: Record<string, unknown>): FundUnitRow {
  return {
    id: Number(x.id), buildingId: Number(x.building_id), building: String(x.building), number: String(x.number),
    areaCenti: Number(x.area_centi), status: String(x.status), kind: String(x.kind),
  };
}
const fundOrder = (a: FundUnitRow, b: FundUnitRow) => natural.compare(a.building, b.building) || natural.compare(a.number, b.number) || a.id - b.id;

/** the owner's home (first residential unit) and, when they have one elsewhere, their other unit */
function homeAndOther(units: FundUnitRow[]): { home: FundUnitRow; other: FundUnitRow } {
  const home = units.find((u) => u.kind === 'residential') ?? units[0]!;
  return { home, other: units.find((u) => u.buildingId !== home.buildingId) ?? home };
}

/** the building the elevator vote is about: owner1's home building */
export async function homeBuildingName(username: string): Promise<string> {
  return withDb(async (db) => homeAndOther(await boundUnits(db, username)).home.building);
}

async function buildingUnits(db: pg.Client, buildingId: number): Promise<FundUnitRow[]> {
  const r = await db.query(
    `SELECT u.id, u.building_id, b.name AS building, u.number, u.area_centi, u.status::text AS status, u.kind::text AS kind
       FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.building_id = $1`,
    [buildingId],
  );
  return r.rows.map(toUnit).sort(fundOrder);
}

async function balances(db: pg.Client, unitIds: number[]): Promise<Map<number, number>> {
  const r = await db.query(`SELECT unit_id, credits_fen - debits_fen AS b FROM fund_accounts WHERE kind = 'unit' AND unit_id = ANY($1::bigint[])`, [unitIds]);
  return new Map(r.rows.map((x) => [Number(x.unit_id), Number(x.b)]));
}

async function tx<T>(db: pg.Client, fn: () => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  try {
    const v = await fn();
    await db.query('COMMIT');
    return v;
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  }
}

interface AppRow {
  estateId: number;
  title: string;
  reason: string;
  category: string;
  path: 'ordinary' | 'emergency';
  emergencyCategory?: string;
  scope: FundUnitRow[];
  buildingIds: number[];
  budgetFen: number;
  state: string;
  createdBy: number;
  extra?: Record<string, unknown>;
}

/** an application row as submission leaves it (shares frozen), then moved to `state` */
async function insertApplication(db: pg.Client, a: AppRow): Promise<{ id: number; shares: number[] }> {
  const cols: Record<string, unknown> = {
    estate_id: a.estateId, applicant_kind: 'committee', title: a.title, reason: a.reason, category: a.category, path: a.path,
    emergency_list: a.path === 'emergency' ? 'national' : null, emergency_category: a.emergencyCategory ?? null,
    scope_kind: 'buildings', scope_building_ids: a.buildingIds, budget_fen: a.budgetFen,
    exclusions_declared: JSON.stringify({ warranty: true, utility: true, personDamage: true, companyUpkeep: true }),
    contractor_name: '示范市安康建筑维修工程有限公司', contractor_account: '中国建设银行示范市分行 6217 0000 1234 5678',
    state: a.state, submitted_at: new Date(Date.now() - 40 * 86_400_000), created_by: a.createdBy, ...(a.extra ?? {}),
  };
  const names = Object.keys(cols);
  const r = await db.query(
    `INSERT INTO fund_applications (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(cols),
  );
  const id = Number(r.rows[0].id);
  const shares = apportionByArea(a.budgetFen, a.scope.map((u) => u.areaCenti));
  await db.query(
    `INSERT INTO fund_application_shares (application_id, unit_id, position, area_centi, share_fen, payer)
     SELECT $1, t.unit, t.pos, t.area, t.share, t.payer
       FROM unnest($2::bigint[], $3::int[], $4::int[], $5::bigint[], $6::text[]) AS t(unit, pos, area, share, payer)`,
    [id, a.scope.map((u) => u.id), a.scope.map((_, i) => i + 1), a.scope.map((u) => u.areaCenti), shares,
      a.scope.map((u) => (u.status === 'sold' ? 'owner' : 'developer'))],
  );
  return { id, shares };
}

/**
 * For owner1 in 翠竹苑: deposits (if none yet) and interest on the buildings of their units; a
 * published repair of the first unit's building that leaves it below the 30% line; an ordinary
 * use in a meeting (`meetingId`, arranged by the caller through the API); an emergency use under
 * the district's review; a rejected one; and a published half-year statement.
 */
export async function arrangeOwnerFund(opts: { meetingId: number; meetingItemId: number | null }): Promise<ArrangedFund> {
  const { ensureFundAccounts, postMovement } = await import('@gongzhi/server/modules/funds/ledger-writer.ts');
  const { writeStatement } = await import('@gongzhi/server/modules/funds/statement-publish.ts');
  return withDb(async (db) => {
    const d = db as never;
    const units = await boundUnits(db, 'owner1');
    if (units.length === 0) throw new Error('owner1 has no bound unit in the demo data');
    const estateId = Number((await db.query('SELECT estate_id FROM units WHERE id = $1', [units[0]!.id])).rows[0].estate_id);
    const district = { accountId: await accountId(db, 'district'), role: 'district_officer', ip: null };
    const chair = await accountId(db, 'chair');
    const street = await accountId(db, 'street');
    const buildingIds = [...new Set(units.map((u) => u.buildingId))];
    const scopeOf = new Map<number, FundUnitRow[]>();
    for (const b of buildingIds) scopeOf.set(b, await buildingUnits(db, b));
    const allScope = buildingIds.flatMap((b) => scopeOf.get(b)!);

    await tx(db, async () => {
      await ensureFundAccounts(d, estateId);
      const have = await balances(db, units.map((u) => u.id));
      if (units.every((u) => (have.get(u.id) ?? 0) === 0)) {
        // 首期交存 at 50 元/㎡ (area in centi × 5000 fen/㎡ ÷ 100), then a year's interest
        await postMovement(d, {
          estateId, kind: 'deposit', bookedOn: '2024-03-15', memo: '首期交存（按 50 元/㎡）', actor: district,
          lines: allScope.map((u) => ({ unitId: u.id, amountFen: Math.round((u.areaCenti * 5000) / 100) })),
        });
        const totalArea = allScope.reduce((s, u) => s + u.areaCenti, 0);
        const interest = apportionByArea(Math.round(totalArea * 0.75), allScope.map((u) => u.areaCenti));
        await postMovement(d, {
          estateId, kind: 'interest', bookedOn: '2025-06-21', memo: '2025 年度结息分配', actor: district,
          lines: allScope.map((u, i) => ({ unitId: u.id, amountFen: interest[i]! })),
        });
      }
    });

    // -- published: the first unit's building re-roofed; stage 1 (70%) then settlement ---------
    const { home, other } = homeAndOther(units);
    const pubBuilding = home.buildingId;
    const pubScope = scopeOf.get(pubBuilding)!;
    const bal = await balances(db, pubScope.map((u) => u.id));
    // the budget every unit can carry: 80% of the thinnest balance per ㎡, over the whole area
    const minPerArea = Math.min(...pubScope.map((u) => (bal.get(u.id) ?? 0) / u.areaCenti));
    const pubArea = pubScope.reduce((s, u) => s + u.areaCenti, 0);
    // ...but at least enough to leave the home unit at 20% of its initial deposit, whatever
    // earlier journeys topped it up to (official-fund-ordinary replenishes owner1's units and
    // spends part of it only if it runs to the end); units that cannot carry their share of that
    // are topped up first, as a building's owners replenish before a large repair
    const homeInitial = Number((await db.query('SELECT initial_fen FROM fund_accounts WHERE unit_id = $1', [home.id])).rows[0].initial_fen);
    const homeShare = Math.max(0, (bal.get(home.id) ?? 0) - Math.floor(homeInitial / 5)) + 1;
    const homeArea = pubScope.find((u) => u.id === home.id)!.areaCenti;
    const budget = Math.max(Math.floor(minPerArea * 0.8 * pubArea), Math.ceil(((homeShare + 1) * pubArea) / homeArea / 0.96));
    const actual = Math.floor(budget * 0.96);
    const short = pubScope
      .map((u) => ({ unitId: u.id, amountFen: Math.ceil((budget * u.areaCenti) / pubArea) + 1 - (bal.get(u.id) ?? 0) }))
      .filter((l) => l.amountFen > 0);
    if (short.length) {
      await tx(db, () => postMovement(d, { estateId, kind: 'replenishment', bookedOn: '2025-06-30', memo: '续筹（屋面翻新前补足）', actor: district, lines: short }));
    }
    const published = await tx(db, async () => {
      const title = `${home.building}屋面防水层翻新`;
      const app = await insertApplication(db, {
        estateId, title, category: 'roof', path: 'ordinary', scope: pubScope, buildingIds: [pubBuilding], budgetFen: budget,
        reason: '顶层多户反映雨天屋面渗漏，经检测防水层老化开裂，已过保修期，需整体翻新。', state: 'published', createdBy: chair,
        extra: {
          actual_cost_fen: actual, review_started_on: '2025-07-01', review_due_on: '2025-07-08',
          approved_at: new Date('2025-07-04T10:00:00+08:00'), accepted_at: new Date('2025-09-20T10:00:00+08:00'),
          settled_at: new Date('2025-09-25T10:00:00+08:00'), published_at: new Date('2025-09-26T10:00:00+08:00'),
        },
      });
      const stage1 = apportionByArea(Math.round(budget * 0.7), pubScope.map((u) => u.areaCenti));
      await postMovement(d, {
        estateId, kind: 'withdrawal', bookedOn: '2025-07-10', memo: `${title} 第1期（70%）`, applicationId: app.id, stageNo: 1,
        payee: '示范市安康建筑维修工程有限公司', actor: district, lines: pubScope.map((u, i) => ({ unitId: u.id, amountFen: stage1[i]! })),
      });
      const actualShares = apportionByArea(actual, pubScope.map((u) => u.areaCenti));
      await postMovement(d, {
        estateId, kind: 'withdrawal', bookedOn: '2025-09-25', memo: `${title} 结算（第2期）`, applicationId: app.id, stageNo: 2,
        payee: '示范市安康建筑维修工程有限公司', actor: district,
        lines: pubScope.map((u, i) => ({ unitId: u.id, amountFen: Math.max(0, actualShares[i]! - stage1[i]!) })),
      });
      await db.query(
        `UPDATE fund_application_shares s SET actual_fen = t.fen FROM unnest($2::bigint[], $3::bigint[]) AS t(unit, fen)
          WHERE s.application_id = $1 AND s.unit_id = t.unit`,
        [app.id, pubScope.map((u) => u.id), actualShares],
      );
      await db.query(
        `INSERT INTO fund_application_confirmations (application_id, kind, account_id, role, note, owner_representatives, created_at)
         VALUES ($1, 'acceptance', $2, 'committee_chair', '屋面闭水试验 48 小时无渗漏，验收合格', $3, '2025-09-20T10:00:00+08:00')`,
        [app.id, chair, ['张明', '李红']],
      );
      return { id: app.id, title, building: home.building };
    });

    // the scope's balance now, in whole hundreds of yuan times `part`: a budget it can carry
    const affordable = async (scope: FundUnitRow[], part: number) => {
      const b = await balances(db, scope.map((u) => u.id));
      return Math.floor((scope.reduce((t, u) => t + (b.get(u.id) ?? 0), 0) * part) / 10_000) * 10_000;
    };

    // -- in a meeting: the home building's elevator, put to the building's owners --------------
    const voteScope = scopeOf.get(home.buildingId)!;
    const inVote = await tx(db, async () => {
      const title = `${home.building}2号电梯曳引机更换`;
      const app = await insertApplication(db, {
        estateId, title, category: 'elevator', path: 'ordinary', scope: voteScope, buildingIds: [home.buildingId],
        budgetFen: await affordable(voteScope, 0.6), state: 'in_vote', createdBy: chair,
        reason: '2号电梯曳引机运行已超过 15 年，近半年停梯 6 次，维保单位检测建议更换曳引机和控制柜。',
        extra: { meeting_id: opts.meetingId, meeting_item_id: opts.meetingItemId },
      });
      return { id: app.id, title, meetingId: opts.meetingId };
    });

    // -- emergency: the other unit's building (the garage) flooding, its drainage pump burnt out;
    // confirmed by the committee and the street office, under the district's review
    const emScope = scopeOf.get(other.buildingId)!;
    const emergency = await tx(db, async () => {
      const title = `${other.building}排水泵抢修`;
      const app = await insertApplication(db, {
        estateId, title, category: 'drainage', path: 'emergency', emergencyCategory: 'drainage', scope: emScope,
        buildingIds: [other.buildingId], budgetFen: Math.min(2_380_000, await affordable(emScope, 0.3)), state: 'under_review', createdBy: chair,
        reason: '暴雨后集水井排水泵电机烧毁，车库积水约 30 厘米并持续上涨，危及车辆和配电设施安全，需立即更换排水泵。',
        extra: { review_started_on: new Date().toISOString().slice(0, 10), review_due_on: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) },
      });
      await db.query(
        `INSERT INTO fund_application_confirmations (application_id, kind, account_id, role, note) VALUES
           ($1, 'committee', $2, 'committee_chair', '现场核实车库积水，同意应急维修'),
           ($1, 'street', $3, 'street_officer', '已到现场核实，属应急情形')`,
        [app.id, chair, street],
      );
      return { id: app.id, title };
    });

    // -- rejected by the district on an exclusion ------------------------------------------------
    const rejected = await tx(db, async () => {
      const title = `${home.building}单元门禁系统更换`;
      const reason = '门禁系统日常维修养护属于物业服务合同约定的服务内容，应由物业服务企业承担，不得列支维修资金。';
      const app = await insertApplication(db, {
        estateId, title, category: 'other', path: 'ordinary', scope: pubScope, buildingIds: [pubBuilding], budgetFen: 3_200_000,
        state: 'rejected', createdBy: chair, reason: '门禁读卡器老化，部分住户无法刷卡进门。',
        extra: { decision_reason: reason, rejected_exclusion: 'companyUpkeep', review_started_on: '2025-10-09', review_due_on: '2025-10-16' },
      });
      return { id: app.id, title, reason };
    });

    // -- a published half-year statement (the job's period) -------------------------------------
    await tx(db, () => writeStatement(d, { estateId, periodStart: '2025-07-01', periodEnd: '2025-12-31', actor: district }));

    return { estateId, units, home, published, inVote, emergency, rejected };
  });
}

/** owner1's fund accounts as the database has them (to compare the screen with) */
export async function ownerBalances(username: string): Promise<{ unitId: number; balanceFen: number; initialFen: number }[]> {
  return withDb(async (db) => {
    const r = await db.query(
      `SELECT a.unit_id, a.credits_fen - a.debits_fen AS b, a.initial_fen FROM fund_accounts a
         JOIN bindings g ON g.unit_id = a.unit_id AND g.status = 'approved' JOIN accounts x ON x.id = g.account_id
        WHERE a.kind = 'unit' AND x.username = $1`,
      [username],
    );
    return r.rows.map((x) => ({ unitId: Number(x.unit_id), balanceFen: Number(x.b), initialFen: Number(x.initial_fen) }));
  });
}
