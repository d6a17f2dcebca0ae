import type { CityRulesOfCityView, CityRulesUpdateBody } from '@gongzhi/contracts';
import { FILE_WITH_LABELS } from '@gongzhi/contracts';
import { DEFAULT_DISCLOSURE_RULES, PERIOD_KIND_LABELS, type PeriodKind } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';

// GET/PUT /disclosure/city-rules/:cityRegionId — a city's disclosure rule (issue 5: the answer deadline
// is "default 7 days, configurable"). Only the city officer (and the admin) sets it: the rule binds
// every estate of the city, so a district or street officer, though holding registry.write, may not.
//
// Changing the rule does NOT alter what already exists: a filing stores its due_on and a question
// its due_at when created, so only packages begun and questions asked afterwards follow the new rule.

const EDITORS = new Set(['city_officer', 'admin']);

interface Row { city_region_id: number | null; name: string; level: string; path: string; period_kind: string | null; filing_due_days: number | null; file_with: string | null; answer_days: number | null }

function view(r: Row, id: number): CityRulesOfCityView {
  const periodKind = (r.period_kind ?? DEFAULT_DISCLOSURE_RULES.periodKind) as PeriodKind;
  const fileWith = (r.file_with ?? DEFAULT_DISCLOSURE_RULES.fileWith) as 'street' | 'district';
  return {
    cityRegionId: id, cityName: r.name, configured: r.city_region_id != null,
    periodKind, periodKindLabel: PERIOD_KIND_LABELS[periodKind], filingDueDays: r.filing_due_days ?? DEFAULT_DISCLOSURE_RULES.filingDueDays,
    fileWith, fileWithLabel: FILE_WITH_LABELS[fileWith], answerDays: r.answer_days ?? DEFAULT_DISCLOSURE_RULES.answerDays,
  };
}

/** The city region with its rule row, locked for an update; 404 unless a city inside the caller's
 *  region (existence is never leaked). Editors only: 403 for every other caller. */
async function editableCity(db: Db, ctx: RequestContext, cityRegionId: number, lock: boolean): Promise<Row> {
  if (!EDITORS.has(ctx.role ?? '')) {
    throw new AppError('FORBIDDEN', { message: '只有市级主管部门或系统管理员可以设置本市的信息公开规则' });
  }
  // locked on update so two editors' before/after follow each other in the audit chain
  const r = await db.query<Row>(
    `SELECT g.name, g.level, g.path, dr.city_region_id, dr.period_kind, dr.filing_due_days, dr.file_with, dr.answer_days
       FROM regions g LEFT JOIN disclosure_city_rules dr ON dr.city_region_id = g.id
      WHERE g.id = $1 ${lock ? 'FOR UPDATE OF g' : ''}`,
    [cityRegionId],
  );
  const region = r.rows[0];
  const regionPath = ctx.scope.regionPath;
  if (!region || region.level !== 'city' || !regionPath || !region.path.startsWith(regionPath)) throw notFound('市');
  return region;
}

/** GET /disclosure/city-rules/:cityRegionId — the editor's form (defaults when no row). */
export async function readCityRulesForEdit(db: Db, o: { ctx: RequestContext; cityRegionId: number }): Promise<CityRulesOfCityView> {
  return view(await editableCity(db, o.ctx, o.cityRegionId, false), o.cityRegionId);
}

/** PUT /disclosure/city-rules/:cityRegionId — upsert the rule, audited with before and after. */
export async function updateCityRules(db: Db, o: { ctx: RequestContext; cityRegionId: number; body: CityRulesUpdateBody & { periodKind: PeriodKind } }): Promise<CityRulesOfCityView> {
  const region = await editableCity(db, o.ctx, o.cityRegionId, true);
  const before = view(region, o.cityRegionId);
  const b = o.body;
  const w = await db.query<Row>(
    `INSERT INTO disclosure_city_rules (city_region_id, period_kind, filing_due_days, file_with, answer_days)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (city_region_id) DO UPDATE SET period_kind = EXCLUDED.period_kind, filing_due_days = EXCLUDED.filing_due_days,
       file_with = EXCLUDED.file_with, answer_days = EXCLUDED.answer_days
     RETURNING city_region_id, period_kind, filing_due_days, file_with, answer_days`,
    [o.cityRegionId, b.periodKind, b.filingDueDays, b.fileWith, b.answerDays],
  );
  const after = view({ ...region, ...w.rows[0]! }, o.cityRegionId);
  const pick = (x: CityRulesOfCityView) => ({
    configured: x.configured, periodKind: x.periodKind, filingDueDays: x.filingDueDays, fileWith: x.fileWith, answerDays: x.answerDays,
  });
  await appendAudit(db, o.ctx.actor(), {
    action: 'disclosure.city_rules.update', targetType: 'region', targetId: o.cityRegionId, estateId: null,
    summary: { city: region.name, before: pick(before), after: pick(after) },
  });
  return after;
}
