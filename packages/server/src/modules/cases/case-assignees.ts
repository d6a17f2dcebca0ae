import type { CaseAssignee } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { assertCanSee, PARTY_ROLES } from './case-access.ts';
import { loadCase, type CaseRow } from './case-repository.ts';

// Who a case may be assigned to (GET /cases/assignees, and the check of POST /cases/:id/assign):
// accounts holding an active grant of the current rung's party that reaches the estate — the
// company serving it under a contract in force, its committee, the community or street office
// above it — or, at the department rung, an officer of the department holding it.

/** The roles a case can be assigned to, as staff read them. */
const ASSIGNEE_ROLE_LABELS: Record<string, string> = {
  property_staff: '物业工作人员', property_manager: '物业项目负责人', committee_member: '业委会委员', committee_chair: '业委会主任',
  committee_secretary: '业委会专职秘书', community_officer: '社区工作人员', street_officer: '街道工作人员', department_officer: '职能部门工作人员',
};

/**
 * Whether the live grant `g` (of a role holding the rung) reaches the case's estate: the company
 * serving it under a contract in force on `day`, its committee, the community or street office
 * whose region holds it, or the department holding the case. SQL over g; the arguments are SQL
 * expressions. The one rule for who holds a rung: assignees here, rung notices (case-notify).
 */
export function grantReachesSql(o: { estate: string; department: string; day: string }): string {
  return `CASE g.scope_kind
       WHEN 'company' THEN EXISTS (SELECT 1 FROM service_contracts sc WHERE sc.company_id = g.scope_id AND sc.estate_id = ${o.estate}
                                     AND sc.starts_on <= ${o.day} AND sc.ends_on >= ${o.day})
       WHEN 'estate' THEN g.scope_id = ${o.estate}
       WHEN 'region' THEN EXISTS (SELECT 1 FROM estates e JOIN regions c ON c.id = e.community_id JOIN regions gr ON gr.id = g.scope_id
                                   WHERE e.id = ${o.estate} AND c.path LIKE gr.path || '%')
       WHEN 'department' THEN g.scope_id = ${o.department}
       ELSE false END`;
}

const ELIGIBLE_SQL = `
  SELECT DISTINCT ON (a.id) a.id, a.display_name, g.role
    FROM role_grants g JOIN accounts a ON a.id = g.account_id
   WHERE g.revoked_at IS NULL AND NOT a.disabled AND g.role = ANY($2::text[])
     AND ${grantReachesSql({ estate: '$1', department: '$3', day: 'current_date' })}`;

export async function eligibleAssignees(db: Db, c: CaseRow, accountId?: number): Promise<CaseAssignee[]> {
  const roles = PARTY_ROLES[c.handlerParty];
  const r = await db.query(
    `SELECT * FROM (${ELIGIBLE_SQL}${accountId != null ? ' AND a.id = $4' : ''} ORDER BY a.id, g.role) x ORDER BY x.display_name, x.id`,
    [c.estateId, roles, c.handlerDepartmentId, ...(accountId != null ? [accountId] : [])],
  );
  return r.rows.map((row) => ({
    accountId: Number(row.id), name: String(row.display_name), role: String(row.role),
    roleLabel: ASSIGNEE_ROLE_LABELS[row.role] ?? String(row.role),
  }));
}

/** GET /cases/assignees?caseId=: the people the caller could assign the case to. */
export async function caseAssignees(db: Db, opts: { ctx: RequestContext; caseId: number }): Promise<{ items: CaseAssignee[] }> {
  const c = await loadCase(db, opts.caseId);
  await assertCanSee(db, opts.ctx, c);
  return { items: await eligibleAssignees(db, c) };
}
