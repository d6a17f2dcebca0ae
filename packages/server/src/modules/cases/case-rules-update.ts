import type { CaseRulesUpdateBody, CaseRulesView } from '@gongzhi/contracts';
import { deadlineRuleProblem } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { isCallableDepartment } from './case-rules.ts';
import { caseRulesOf } from './case-rules-view.ts';

// PUT /estates/:id/case-rules — set (or put back to the default) an estate's routing per category,
// deadlines per category and priority, and its auto-close days. Everything is checked before the
// first write, so a refused request changes nothing; the change is one audit event. Existing cases
// keep the deadlines they have: a rule applies to cases filed, escalated or reopened afterwards.

async function check(db: Db, estateId: number, b: CaseRulesUpdateBody): Promise<void> {
  const nothing = !b.routing?.length && !b.deadlines?.length && b.autoCloseDays == null && !b.resetRouting?.length && !b.resetDeadlines?.length;
  if (nothing) throw fieldError('body', '请至少修改一项规则');
  const routed = new Set<string>();
  for (const [i, r] of (b.routing ?? []).entries()) {
    const at = `body.routing.${i}`;
    if (routed.has(r.category)) throw fieldError(`${at}.category`, '同一类别只能设置一次');
    routed.add(r.category);
    if (r.party === 'department') {
      if (r.departmentId == null) throw fieldError(`${at}.departmentId`, '分派给职能部门时须选择部门');
      // the street office supervises a department case as if it had called it in: only a
      // department it could call (its street's, its district's or its city's) may be named
      if (!(await isCallableDepartment(db, estateId, r.departmentId))) {
        throw fieldError(`${at}.departmentId`, '该职能部门不在本小区所在街道可召集的范围内（须为本街道、所属区或市的部门）');
      }
    } else if (r.departmentId != null) {
      throw fieldError(`${at}.departmentId`, '只有分派给职能部门时才能选择部门');
    }
  }
  for (const [i, c] of (b.resetRouting ?? []).entries()) {
    if (routed.has(c)) throw fieldError(`body.resetRouting.${i}`, '同一类别不能同时设置和恢复默认');
  }
  const pairs = new Set<string>();
  for (const [i, d] of (b.deadlines ?? []).entries()) {
    const at = `body.deadlines.${i}`;
    const key = `${d.category}:${d.priority}`;
    if (pairs.has(key)) throw fieldError(`${at}.priority`, '同一类别和优先级只能设置一次');
    pairs.add(key);
    const problem = deadlineRuleProblem(d);
    if (problem) throw fieldError(`${at}.respondAmount`, problem);
  }
  for (const [i, d] of (b.resetDeadlines ?? []).entries()) {
    if (pairs.has(`${d.category}:${d.priority}`)) throw fieldError(`body.resetDeadlines.${i}`, '同一类别和优先级不能同时设置和恢复默认');
  }
}

export async function updateCaseRules(db: Db, o: { ctx: RequestContext; estateId: number; body: CaseRulesUpdateBody }): Promise<CaseRulesView> {
  const { ctx, estateId, body: b } = o;
  // case.configure: never a department officer; the estate must be in the caller's scope
  ctx.assertEstate(estateId, '小区');
  // one editor at a time per estate, so the audit's before/after follow each other
  // (NO KEY UPDATE: cases being filed meanwhile still reference the estate)
  await db.query('SELECT 1 FROM estates WHERE id = $1 FOR NO KEY UPDATE', [estateId]);
  await check(db, estateId, b);
  const before = await caseRulesOf(db, estateId);
  const by = ctx.accountId;

  if (b.resetRouting?.length) {
    await db.query('DELETE FROM case_routing_rules WHERE estate_id = $1 AND category = ANY($2::text[])', [estateId, b.resetRouting]);
  }
  for (const r of b.routing ?? []) {
    await db.query(
      `INSERT INTO case_routing_rules (estate_id, category, party, department_id, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (estate_id, category) DO UPDATE SET party = EXCLUDED.party, department_id = EXCLUDED.department_id,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [estateId, r.category, r.party, r.party === 'department' ? r.departmentId : null, by],
    );
  }
  for (const d of b.resetDeadlines ?? []) {
    await db.query('DELETE FROM case_deadline_rules WHERE estate_id = $1 AND category = $2 AND priority = $3', [estateId, d.category, d.priority]);
  }
  for (const d of b.deadlines ?? []) {
    await db.query(
      `INSERT INTO case_deadline_rules (estate_id, category, priority, respond_amount, respond_unit, resolve_amount, resolve_unit, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (estate_id, category, priority) DO UPDATE SET respond_amount = EXCLUDED.respond_amount,
         respond_unit = EXCLUDED.respond_unit, resolve_amount = EXCLUDED.resolve_amount, resolve_unit = EXCLUDED.resolve_unit,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [estateId, d.category, d.priority, d.respondAmount, d.respondUnit, d.resolveAmount, d.resolveUnit, by],
    );
  }
  if (b.autoCloseDays != null) {
    await db.query(
      `INSERT INTO case_settings (estate_id, auto_close_days, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (estate_id) DO UPDATE SET auto_close_days = EXCLUDED.auto_close_days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [estateId, b.autoCloseDays, by],
    );
  }

  const after = await caseRulesOf(db, estateId);
  await appendAudit(db, ctx.actor(), {
    action: 'case.rules.update', targetType: 'estate', targetId: estateId, estateId,
    summary: {
      routing: changed(before.routing, after.routing, (r) => r.category, (r) => ({ party: r.party, departmentId: r.departmentId, isDefault: r.isDefault })),
      deadlines: changed(before.deadlines, after.deadlines, (r) => `${r.category}:${r.priority}`,
        (r) => ({ respond: `${r.respondAmount} ${r.respondUnit}`, resolve: `${r.resolveAmount} ${r.resolveUnit}`, isDefault: r.isDefault })),
      autoCloseDays: before.autoCloseDays === after.autoCloseDays ? undefined : { before: before.autoCloseDays, after: after.autoCloseDays },
    },
  });
  return after;
}

/** The rules that differ between before and after, keyed, with both sides. */
function changed<T>(before: T[], after: T[], key: (r: T) => string, pick: (r: T) => object): Record<string, { before: object; after: object }> {
  const out: Record<string, { before: object; after: object }> = {};
  const was = new Map(before.map((r) => [key(r), pick(r)]));
  for (const r of after) {
    const a = pick(r);
    const b = was.get(key(r))!;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key(r)] = { before: b, after: a };
  }
  return out;
}
