import type { CaseCategory, CaseLevel, CaseLocationKind, CaseParty, CaseState } from '@gongzhi/domain';
import { apiAs, type Signed } from '../support/api.ts';
import {
  boundOwner, createBuilding, createCommittee, createCompany, createEstate, createRegionTree, createServiceContract, createUnit,
  signedInAs, uniq,
} from '../support/factories.ts';
import type { TestApp } from '../support/test-app.ts';

// The world of the escalation tests (C3): one street with an estate served by a company under
// contract, two owners (3栋 and 5栋), the company's staff, a committee member, the community and
// street officers, departments at the street, at the district and under another street, and one
// officer per department; plus a foreign estate under another street. Cases are written straight
// into the table (the filing route is another part's), in whatever state and rung a test needs.

export const api = apiAs;

export interface EscalationWorld {
  estateId: number;
  companyId: number;
  buildingId: number;
  units: { u3: number; u5: number };
  owner3: Signed;
  owner5: Signed;
  staff: Signed;
  committee: Signed;
  community: Signed;
  street: Signed;
  district: Signed;
  departments: { urban: number; fire: number; farAway: number };
  deptOfficers: { urban: Signed; fire: Signed; farAway: Signed };
  foreign: { estateId: number; street: Signed };
}

async function department(t: TestApp, regionId: number, kind: string, name: string): Promise<number> {
  const r = await t.pool.query(`INSERT INTO departments (region_id, kind, name) VALUES ($1, $2, $3) RETURNING id`, [regionId, kind, name]);
  return Number(r.rows[0].id);
}

export async function escalationWorld(t: TestApp): Promise<EscalationWorld> {
  const r = await createRegionTree(t.pool, { names: { city: '升级市', district: '东湖区', street: '明德街道', community: '翠竹社区' } });
  const estateId = await createEstate(t.pool, { communityId: r.communityId, name: '翠竹苑' });
  const buildingId = await createBuilding(t.pool, { estateId, name: '3栋' });
  const b5 = await createBuilding(t.pool, { estateId, name: '5栋' });
  const u3 = await createUnit(t.pool, { estateId, buildingId, number: '301' });
  const u5 = await createUnit(t.pool, { estateId, buildingId: b5, number: '502' });
  const companyId = await createCompany(t.pool, { name: '安居物业' });
  await createServiceContract(t.pool, { companyId, estateId });
  await createCommittee(t.pool, { estateId });
  const other = await createRegionTree(t.pool, { cityId: r.cityId, names: { district: '西山区', street: '远山街道', community: '远山社区' } });
  const foreignEstate = await createEstate(t.pool, { communityId: other.communityId, name: '远山花园' });
  const departments = {
    urban: await department(t, r.streetId, 'urban_management', '明德街道城管执法中队'),
    fire: await department(t, r.districtId, 'fire', '东湖区消防救援大队'),
    farAway: await department(t, other.streetId, 'police', '远山派出所'),
  };
  const dept = (id: number) => signedInAs(t, { role: 'department_officer', scopeId: id });
  return {
    estateId, companyId, buildingId, units: { u3, u5 },
    owner3: await boundOwner(t, { estateId, unitIds: [u3], name: '张三' }),
    owner5: await boundOwner(t, { estateId, unitIds: [u5], name: '李四' }),
    staff: await signedInAs(t, { role: 'property_staff', scopeId: companyId }),
    committee: await signedInAs(t, { role: 'committee_member', scopeId: estateId }),
    community: await signedInAs(t, { role: 'community_officer', scopeId: r.communityId }),
    street: await signedInAs(t, { role: 'street_officer', scopeId: r.streetId }),
    district: await signedInAs(t, { role: 'district_officer', scopeId: r.districtId }),
    departments,
    deptOfficers: { urban: await dept(departments.urban), fire: await dept(departments.fire), farAway: await dept(departments.farAway) },
    foreign: { estateId: foreignEstate, street: await signedInAs(t, { role: 'street_officer', scopeId: other.streetId }) },
  };
}

export interface CaseSeed {
  estateId: number;
  ownerAccountId?: number | null;
  filedBy?: number;
  category?: CaseCategory;
  priority?: 'normal' | 'urgent';
  locationKind?: CaseLocationKind;
  unitId?: number | null;
  buildingId?: number | null;
  locationText?: string | null;
  title?: string;
  state?: CaseState;
  level?: CaseLevel;
  handlerParty?: CaseParty;
  handlerDepartmentId?: number | null;
  companyId?: number | null;
  /** the running deadline; default a day ahead (open/in progress), none otherwise */
  nextDueAt?: Date | null;
  autoCloseAt?: Date;
  createdAt?: Date;
}

/** A case row as the filing would leave it (or as later steps would), written directly. */
export async function insertCase(t: TestApp, s: CaseSeed): Promise<number> {
  const state = s.state ?? 'open';
  const level = s.level ?? 'company';
  const running = state === 'open' || state === 'in_progress';
  const kind = s.locationKind ?? (s.unitId ? 'unit' : 'common_area');
  const now = Date.now();
  const nextDue = s.nextDueAt === undefined ? (running ? new Date(now + 86_400_000) : null) : s.nextDueAt;
  const r = await t.pool.query(
    `INSERT INTO cases (no, estate_id, category, priority, location_kind, building_id, unit_id, location_text, title, description,
                        owner_account_id, filed_by, filed_by_role, state, level, handler_party, handler_department_id,
                        respond_due_at, resolve_due_at, next_due_at, first_responded_at, resolved_at, auto_close_at,
                        closed_at, close_kind, company_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '问题描述', $10, $11, 'owner', $12, $13, $14, $15,
             $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
     RETURNING id`,
    [
      `AJT-${uniq()}`, s.estateId, s.category ?? 'common_repair', s.priority ?? 'normal', kind, s.buildingId ?? null,
      kind === 'unit' ? s.unitId : null, s.locationText ?? (kind === 'common_area' ? '北门消防通道' : null), s.title ?? '北门消防通道堵塞',
      s.ownerAccountId ?? null, s.filedBy ?? s.ownerAccountId ?? (await anyAccount(t)), state, level,
      s.handlerParty ?? (level === 'department' ? 'department' : level), s.handlerDepartmentId ?? null,
      nextDue ?? new Date(now + 3_600_000), new Date(now + 5 * 86_400_000), nextDue,
      state === 'open' ? null : new Date(now - 3_600_000),
      state === 'resolved' || state === 'closed' ? new Date(now - 60_000) : null,
      state === 'resolved' ? (s.autoCloseAt ?? new Date(now + 7 * 86_400_000)) : null,
      state === 'closed' ? new Date(now) : null, state === 'closed' ? 'confirmed' : null,
      s.companyId === undefined ? null : s.companyId, s.createdAt ?? new Date(now),
    ],
  );
  return Number(r.rows[0].id);
}

async function anyAccount(t: TestApp): Promise<number> {
  const r = await t.pool.query(`INSERT INTO accounts (username, display_name) VALUES ($1, $1) RETURNING id`, [uniq('filer')]);
  return Number(r.rows[0].id);
}

export async function caseRow(t: TestApp, id: number) {
  return (await t.pool.query('SELECT * FROM cases WHERE id = $1', [id])).rows[0];
}

export async function eventsOf(t: TestApp, id: number) {
  return (await t.pool.query('SELECT kind, text, data, actor_role, actor_party FROM case_events WHERE case_id = $1 ORDER BY id', [id])).rows;
}

export async function auditOf(t: TestApp, action: string, caseId: number) {
  return (await t.pool.query(`SELECT actor_account_id, actor_role, summary FROM audit_events WHERE action = $1 AND target_id = $2 ORDER BY seq`, [action, String(caseId)])).rows;
}

/** Calls in `departmentIds` on a street-level case as the street office would have, directly. */
export async function insertCall(t: TestApp, o: { caseId: number; departmentId: number; calledBy: number; reportDueAt: Date; reported?: boolean }) {
  await t.pool.query(
    `INSERT INTO case_department_calls (case_id, department_id, called_by, instruction, report_due_at, reported_at, report_text)
     VALUES ($1, $2, $3, '请到场核查', $4, $5, $6)`,
    [o.caseId, o.departmentId, o.calledBy, o.reportDueAt, o.reported ? new Date() : null, o.reported ? '已处理' : null],
  );
}
