import type { CaseRulesView } from '@gongzhi/contracts';
import { DEFAULT_CASE_AUTO_CLOSE_DAYS } from '@gongzhi/contracts';
import {
  CASE_CATEGORIES, CASE_CATEGORY_LABELS, CASE_PARTY_LABELS, CASE_PRIORITIES, CASE_PRIORITY_LABELS, deadlineRuleFor as ruleFromOverrides,
  type CaseRoutingParty,
} from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { deadlineOverrides, defaultRouteFor, isCallableDepartment, type CaseRouteTarget } from './case-rules.ts';

// GET /estates/:id/case-rules — an estate's case rules as the rules page shows them: every
// category's first rung and every category × priority's deadlines, each marked default or set.

/** An estate's rules are read by those whose scope holds the estate, and by the officers of a
 *  department that serves it (callable from its street: they see which categories come to them
 *  directly); 404 for anyone else. */
export async function assertEstateRulesCaller(db: Db, ctx: RequestContext, estateId: number): Promise<void> {
  if (ctx.scope.departmentId == null) return ctx.assertEstate(estateId, '小区');
  if (!(await isCallableDepartment(db, estateId, ctx.scope.departmentId))) throw notFound('小区');
}

export async function readCaseRules(db: Db, o: { ctx: RequestContext; estateId: number }): Promise<CaseRulesView> {
  await assertEstateRulesCaller(db, o.ctx, o.estateId);
  return caseRulesOf(db, o.estateId);
}

/** The rules of an estate (no scope check: the caller has made it). */
export async function caseRulesOf(db: Db, estateId: number): Promise<CaseRulesView> {
  const e = await db.query(
    `SELECT e.name, s.auto_close_days FROM estates e LEFT JOIN case_settings s ON s.estate_id = e.id WHERE e.id = $1`,
    [estateId],
  );
  if (!e.rows[0]) throw notFound('小区');
  const set = await db.query('SELECT category, party, department_id FROM case_routing_rules WHERE estate_id = $1', [estateId]);
  const setBy = new Map(set.rows.map((x) => [String(x.category), x]));
  const routes: (CaseRouteTarget & { isDefault: boolean })[] = [];
  for (const category of CASE_CATEGORIES) {
    const x = setBy.get(category);
    routes.push(x
      ? { party: x.party as CaseRoutingParty, departmentId: x.department_id == null ? null : Number(x.department_id), isDefault: false }
      : { ...(await defaultRouteFor(db, estateId, category)), isDefault: true });
  }
  const ids = routes.flatMap((r) => (r.departmentId == null ? [] : [r.departmentId]));
  const names = new Map<number, string>();
  if (ids.length) {
    const d = await db.query('SELECT id, name FROM departments WHERE id = ANY($1::bigint[])', [ids]);
    for (const x of d.rows) names.set(Number(x.id), String(x.name));
  }
  const overrides = await deadlineOverrides(db, estateId);
  const days = e.rows[0].auto_close_days;
  return {
    estateId,
    estateName: String(e.rows[0].name),
    routing: CASE_CATEGORIES.map((category, i) => {
      const r = routes[i]!;
      return {
        category, categoryLabel: CASE_CATEGORY_LABELS[category], party: r.party, partyLabel: CASE_PARTY_LABELS[r.party],
        departmentId: r.departmentId, departmentName: r.departmentId == null ? null : (names.get(r.departmentId) ?? null), isDefault: r.isDefault,
      };
    }),
    deadlines: CASE_CATEGORIES.flatMap((category) => CASE_PRIORITIES.map((priority) => ({
      category, categoryLabel: CASE_CATEGORY_LABELS[category], priority, priorityLabel: CASE_PRIORITY_LABELS[priority],
      ...ruleFromOverrides(overrides, category, priority),
    }))),
    autoCloseDays: days == null ? DEFAULT_CASE_AUTO_CLOSE_DAYS : Number(days),
    autoCloseIsDefault: days == null,
  };
}
