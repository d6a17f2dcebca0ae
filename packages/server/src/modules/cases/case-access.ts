import type { Role } from '@gongzhi/contracts';
import {
  CASE_ACTION_RULES, CASE_LOCATION_KINDS, CASE_PARTY_LABELS, isCommonLocation, type CaseAction, type CaseParty,
} from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { CaseRow } from './case-repository.ts';

// Who may see a case and who may act on it at its rung. The one place for both rules: the list
// queries (caseVisibleSql), single records (assertCanSee) and the actions (handlerRefusal) read
// them from here, so a queue never shows a case its detail would hide.
//
// See: owners — their own cases, the ones they follow, and common-area cases of their estates;
// a department officer — only cases its department was called in on (or routed to); everybody
// else — the cases of the estates in their scope. Out of sight is 404, never 403.
// Act: only the party holding the current rung (403 naming who holds it).

/** Facts about the caller and one case that need the database (read once per request). */
export interface CaseAccess {
  /** the caller is the owner the case is for */
  isOwner: boolean;
  /** the caller follows the case (its owner is always counted as following too) */
  isFollower: boolean;
  /** department officers: their department was called in on the case (or it was routed to it) */
  departmentCalled: boolean;
  /** the caller may see the case */
  canSee: boolean;
}

export type CaseHandleAction =
  | 'assign' | 'respond' | 'note' | 'resolve' | 'merge' | 'report' | 'callDepartments';

const COMPANY_ROLES: readonly Role[] = ['property_staff', 'property_manager'];
const COMMITTEE_ROLES: readonly Role[] = ['committee_member', 'committee_chair', 'committee_secretary'];

/** The roles that hold a rung's party (the department's officers are checked by department). */
export const PARTY_ROLES: Record<CaseParty, readonly Role[]> = {
  company: COMPANY_ROLES,
  committee: COMMITTEE_ROLES,
  // the secretary's rung: any committee role (the design keeps it simple; see cases-design.md)
  secretary: COMMITTEE_ROLES,
  community: ['community_officer'],
  street: ['street_officer'],
  department: ['department_officer'],
};

export const isOwnerRole = (ctx: RequestContext) => ctx.role === 'owner';
export const isDepartmentRole = (ctx: RequestContext) => ctx.role === 'department_officer';

/** Reads what the visibility and action rules need about the caller and the case. */
export async function loadCaseAccess(db: Db, ctx: RequestContext, c: CaseRow): Promise<CaseAccess> {
  const me = ctx.accountId;
  const isOwner = me != null && c.ownerAccountId === me;
  let isFollower = isOwner;
  let departmentCalled = false;
  if (isOwnerRole(ctx) && !isOwner && me != null) {
    const r = await db.query('SELECT 1 FROM case_followers WHERE case_id = $1 AND account_id = $2', [c.id, me]);
    isFollower = r.rows.length > 0;
  }
  const dept = ctx.scope.departmentId;
  if (isDepartmentRole(ctx) && dept != null) {
    if (c.handlerDepartmentId === dept) departmentCalled = true;
    else {
      const r = await db.query('SELECT 1 FROM case_department_calls WHERE case_id = $1 AND department_id = $2', [c.id, dept]);
      departmentCalled = r.rows.length > 0;
    }
  }
  return { isOwner, isFollower, departmentCalled, canSee: canSeeCase(ctx, c, { isFollower, departmentCalled }) };
}

/** The visibility rule over facts already read. */
export function canSeeCase(ctx: RequestContext, c: CaseRow, facts: { isFollower: boolean; departmentCalled: boolean }): boolean {
  if (!ctx.authenticated || !ctx.grant) return false;
  if (isDepartmentRole(ctx)) return facts.departmentCalled;
  if (isOwnerRole(ctx)) {
    if (c.ownerAccountId === ctx.accountId || facts.isFollower) return true;
    return ctx.scope.estateIds.includes(c.estateId) && isCommonLocation(c.locationKind);
  }
  return ctx.scope.estateIds.includes(c.estateId);
}

/** The caller's access to the case, or 404 when they may not see it (existence is not leaked). */
export async function assertCanSee(db: Db, ctx: RequestContext, c: CaseRow): Promise<CaseAccess> {
  const access = await loadCaseAccess(db, ctx, c);
  if (!access.canSee) throw notFound('案件');
  return access;
}

/**
 * SQL condition (over the cases alias `alias`) selecting the cases the caller may see; pushes its
 * parameters onto `params`. Lists AND it with their filters.
 */
export function caseVisibleSql(ctx: RequestContext, params: unknown[], alias = 'c'): string {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  if (!ctx.authenticated || !ctx.grant) return 'false';
  if (isDepartmentRole(ctx)) {
    const d = ctx.scope.departmentId;
    if (d == null) return 'false';
    const dp = p(d);
    // the department's case ids first (two indexes), then those cases by their primary key: never
    // a scan of every running case of the city filtered by membership
    return `${alias}.id = ANY(ARRAY(SELECT dc.case_id FROM case_department_calls dc WHERE dc.department_id = ${dp}
              UNION SELECT h.id FROM cases h WHERE h.handler_department_id = ${dp}))`;
  }
  if (isOwnerRole(ctx)) return `(${ownerMineSql(ctx, params, alias)} OR ${ownerCommonSql(ctx, params, alias)})`;
  return `${alias}.estate_id = ANY(${p(ctx.scope.estateIds)}::bigint[])`;
}

/** An owner's own cases: filed for them or followed (a merged duplicate's owner follows the
 *  survivor). One half of an owner's visibility; the owner's 'mine' list is exactly this. */
export function ownerMineSql(ctx: RequestContext, params: unknown[], alias = 'c'): string {
  params.push(ctx.accountId);
  const me = `$${params.length}`;
  return `(${alias}.owner_account_id = ${me}
           OR EXISTS (SELECT 1 FROM case_followers cf WHERE cf.case_id = ${alias}.id AND cf.account_id = ${me}))`;
}

/** The place kinds anyone of the estate may see (the domain's isCommonLocation). */
const COMMON_LOCATION_KINDS = CASE_LOCATION_KINDS.filter(isCommonLocation);

/** The common-area cases of an owner's estates (never a case about someone's unit). The other
 *  half of an owner's visibility; the owner's 'estate' list is exactly this. */
export function ownerCommonSql(ctx: RequestContext, params: unknown[], alias = 'c'): string {
  params.push(ctx.scope.estateIds, COMMON_LOCATION_KINDS);
  return `(${alias}.estate_id = ANY($${params.length - 1}::bigint[]) AND ${alias}.location_kind = ANY($${params.length}::text[]))`;
}

/** Each handling action's row in the domain's action × state table (its label is the one word
 *  for it in every refusal). */
export const DOMAIN_ACTION: Record<CaseHandleAction, CaseAction> = {
  assign: 'assign', respond: 'respond', note: 'note', resolve: 'resolve', merge: 'merge', report: 'report', callDepartments: 'call_departments',
};
const actionLabel = (a: CaseHandleAction) => CASE_ACTION_RULES[DOMAIN_ACTION[a]].label;

/** Who holds the case now, as people read it ('物业服务企业', '职能部门'). */
export const holderLabel = (c: Pick<CaseRow, 'handlerParty'>) => CASE_PARTY_LABELS[c.handlerParty];

/**
 * Why the caller may not take `action` on the case at its current rung, or null when they may.
 * Only the rung's holder acts; at the department rung the called departments act and the street
 * office still supervises (notes, resolves). The state of the case is not judged here (the
 * domain's transition table is).
 */
export function handlerRefusal(ctx: RequestContext, c: CaseRow, action: CaseHandleAction, access: Pick<CaseAccess, 'departmentCalled'>): string | null {
  const role = ctx.role;
  const refuse = () => `该案件目前由${holderLabel(c)}办理，您不能${actionLabel(action)}`;
  if (!role || !ctx.can('case.handle')) return `您没有办理案件的权限，不能${actionLabel(action)}`;
  if (action === 'callDepartments') {
    if (role !== 'street_officer' || !ctx.can('case.dispatch')) return '只有街道办事处可以吹哨召集职能部门';
    return c.level === 'street' ? null : `案件处于${holderLabel(c)}层级，升级至街道办事处后才能吹哨`;
  }
  if (action === 'report') {
    if (role !== 'department_officer' || !access.departmentCalled) return '只有被召集的职能部门可以报到';
    return null;
  }
  if (c.level === 'department') {
    if (role === 'department_officer') return access.departmentCalled ? (action === 'merge' ? refuse() : null) : refuse();
    // the street office called the departments in and still supervises the case
    if (role === 'street_officer' && (action === 'note' || action === 'resolve')) return null;
    return refuse();
  }
  if (role === 'department_officer') return refuse();
  return PARTY_ROLES[c.handlerParty].includes(role) ? null : refuse();
}

/** handlerRefusal as a 403 with its reason. */
export function assertCanAct(ctx: RequestContext, c: CaseRow, action: CaseHandleAction, access: Pick<CaseAccess, 'departmentCalled'>): void {
  const reason = handlerRefusal(ctx, c, action, access);
  if (reason) throw new AppError('FORBIDDEN', { message: reason, details: { handlerParty: c.handlerParty, level: c.level } });
}
