import type { DepartmentCreateBody, DepartmentList, DepartmentListQuery, DepartmentUpdateBody, DepartmentView } from '@gongzhi/contracts';
import { DEPARTMENT_KIND_LABELS, type DepartmentKind } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { isUniqueViolation, type Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { callableDepartmentsFrom } from './case-rules.ts';

// The departments (职能部门) of a region: urban management, fire, market supervision, police…
// Who sees which: an officer those inside their region and those above it (callable from it);
// estate and company roles those callable from their estates' streets; a department officer only
// their own. Officers holding department.manage create and rename those inside their region.

/** The caller's anchors: the region paths they stand on (their region, their estates' streets,
 *  their department's region). A region is in reach when it is an anchor or above one, or (an
 *  officer) inside their region. $1 estate ids, $2 region path, $3 own department id. */
const ANCHORS_SQL = `(
  SELECT st.path FROM estates e JOIN regions com ON com.id = e.community_id JOIN regions st ON st.id = com.parent_id
   WHERE e.id = ANY($1::bigint[])
  UNION ALL SELECT $2::text WHERE $2::text IS NOT NULL
  UNION ALL SELECT r.path FROM departments d JOIN regions r ON r.id = d.region_id WHERE d.id = $3
)`;

const VISIBLE_SQL = `(
  d.id = $3
  OR ($3::bigint IS NULL AND EXISTS (SELECT 1 FROM ${ANCHORS_SQL} a(path) WHERE a.path LIKE dr.path || '%'))
  OR dr.path LIKE $2::text || '%'
)`;

const scopeParams = (ctx: RequestContext) => [ctx.scope.estateIds, ctx.scope.regionPath, ctx.scope.departmentId];

function view(ctx: RequestContext, x: Record<string, unknown>): DepartmentView {
  const path = String(x.region_path);
  return {
    id: Number(x.id), regionId: Number(x.region_id), regionName: String(x.region_name), regionLevel: String(x.region_level),
    kind: x.kind as DepartmentKind, kindLabel: DEPARTMENT_KIND_LABELS[x.kind as DepartmentKind], name: String(x.name),
    editable: manages(ctx, path),
  };
}

const manages = (ctx: RequestContext, regionPath: string) =>
  ctx.can('department.manage') && ctx.scope.regionPath != null && regionPath.startsWith(ctx.scope.regionPath);

const COLUMNS = 'd.id, d.region_id, d.kind, d.name, dr.name AS region_name, dr.level AS region_level, dr.path AS region_path';

/** GET /departments: those the caller sees, nearest first; regionId / estateId narrow to those
 *  callable from that region / that estate's street (out of reach: 404). */
export async function listDepartments(db: Db, o: { ctx: RequestContext; query: DepartmentListQuery }): Promise<DepartmentList> {
  const { ctx, query } = o;
  const params: unknown[] = scopeParams(ctx);
  const where = [VISIBLE_SQL];
  if (query.regionId != null) {
    const r = await db.query(
      `SELECT g.path FROM regions g WHERE g.id = $4
          AND (g.path LIKE $2::text || '%' OR EXISTS (SELECT 1 FROM ${ANCHORS_SQL} a(path) WHERE a.path LIKE g.path || '%'))`,
      [...params, query.regionId],
    );
    if (!r.rows[0]) throw notFound('区域');
    params.push(r.rows[0].path);
    where.push(`$${params.length}::text LIKE dr.path || '%'`);
  }
  if (query.estateId != null) {
    // a department officer has no estate: its own department is listed if callable from there
    if (ctx.scope.departmentId == null) ctx.assertEstate(query.estateId, '小区');
    params.push(query.estateId);
    where.push(`d.id IN (SELECT d.id ${callableDepartmentsFrom(`$${params.length}`)})`);
  }
  const r = await db.query(
    `SELECT ${COLUMNS} FROM departments d JOIN regions dr ON dr.id = d.region_id
      WHERE ${where.join(' AND ')}
      ORDER BY length(dr.path) DESC, dr.path, d.kind, d.name, d.id`,
    params,
  );
  return { items: r.rows.map((x) => view(ctx, x)) };
}

/** A department the caller may rename, locked; 404 when out of sight, 403 when seen but above or
 *  beside the caller's region. */
async function manageable(db: Db, ctx: RequestContext, id: number) {
  const r = await db.query(
    `SELECT ${COLUMNS} FROM departments d JOIN regions dr ON dr.id = d.region_id
      WHERE d.id = $4 AND ${VISIBLE_SQL} FOR UPDATE OF d`,
    [...scopeParams(ctx), id],
  );
  const row = r.rows[0];
  if (!row) throw notFound('职能部门');
  if (!manages(ctx, String(row.region_path))) {
    throw new AppError('FORBIDDEN', { message: '该职能部门不属于您的辖区，只能由其所在区域的主管部门修改' });
  }
  return row;
}

async function assertNameFree(db: Db, regionId: number, name: string, exceptId: number | null): Promise<void> {
  const r = await db.query('SELECT 1 FROM departments WHERE region_id = $1 AND name = $2 AND id IS DISTINCT FROM $3', [regionId, name, exceptId]);
  if (r.rows.length) throw fieldError('body.name', '该区域已有同名的职能部门');
}

/** Runs a write; a concurrent twin's name (UNIQUE) is answered like the pre-check. */
async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw fieldError('body.name', '该区域已有同名的职能部门');
    throw err;
  }
}

/** POST /departments: a department of a city, district or street inside the caller's region. */
export async function createDepartment(db: Db, o: { ctx: RequestContext; body: DepartmentCreateBody }): Promise<DepartmentView> {
  const { ctx, body } = o;
  const g = await db.query(`SELECT id, level FROM regions WHERE id = $1 AND path LIKE $2::text || '%'`, [body.regionId, ctx.scope.regionPath]);
  if (!g.rows[0]) throw notFound('区域');
  if (!['city', 'district', 'street'].includes(String(g.rows[0].level))) {
    throw fieldError('body.regionId', '职能部门只能设在市、区（县）或街道');
  }
  await assertNameFree(db, body.regionId, body.name, null);
  const r = await uniqueName(() =>
    db.query('INSERT INTO departments (region_id, kind, name) VALUES ($1, $2, $3) RETURNING id', [body.regionId, body.kind, body.name]));
  const id = Number(r.rows[0].id);
  await appendAudit(db, ctx.actor(), {
    action: 'department.create', targetType: 'department', targetId: id, estateId: null,
    summary: { regionId: body.regionId, kind: body.kind, name: body.name },
  });
  return one(db, ctx, id);
}

/** PATCH /departments/:id: rename. */
export async function updateDepartment(db: Db, o: { ctx: RequestContext; id: number; body: DepartmentUpdateBody }): Promise<DepartmentView> {
  const { ctx, id, body } = o;
  const before = await manageable(db, ctx, id);
  await assertNameFree(db, Number(before.region_id), body.name, id);
  await uniqueName(() => db.query('UPDATE departments SET name = $2 WHERE id = $1', [id, body.name]));
  await appendAudit(db, ctx.actor(), {
    action: 'department.update', targetType: 'department', targetId: id, estateId: null,
    summary: { before: { name: before.name }, after: { name: body.name } },
  });
  return one(db, ctx, id);
}

async function one(db: Db, ctx: RequestContext, id: number): Promise<DepartmentView> {
  const r = await db.query(`SELECT ${COLUMNS} FROM departments d JOIN regions dr ON dr.id = d.region_id WHERE d.id = $1`, [id]);
  return view(ctx, r.rows[0]);
}
