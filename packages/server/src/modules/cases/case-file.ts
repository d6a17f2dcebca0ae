import type { FileCaseBody, FileMyCaseBody } from '@gongzhi/contracts';
import {
  CASE_PARTY_LABELS, caseDeadline, caseDueDates, levelOfParty, type CaseLocationKind, type CaseParty,
} from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import { isOwnerRole } from './case-access.ts';
import { partyOfRole } from './case-actor.ts';
import { addCaseEvents } from './case-events.ts';
import { notifyRungHolders } from './case-notify.ts';
import { deadlineRuleFor, routeFor } from './case-rules.ts';

// Filing a case (立案): an owner for themselves (POST /my/cases), or staff, the committee or the
// community for an owner or as their own (POST /cases). The routing rule picks the first rung, the
// deadline rule its two deadlines; the timeline opens with 'filed' and 'routed'. A case routed
// straight to a department is supervised by the estate's street office as if it had called the
// department in: the call row is written with the filer as caller.

/** What a department routed to directly must report within (the street's default for calls). */
export const DEPARTMENT_REPORT_DAYS = 3;
const DIRECT_CALL_INSTRUCTION = '按分派规则直接转办';

type Input = Omit<FileMyCaseBody, 'estateId'> & { estateId?: number; ownerAccountId?: number; ownerPhone?: string };

interface Location {
  estateId: number;
  locationKind: CaseLocationKind;
  buildingId: number | null;
  unitId: number | null;
  locationText: string | null;
}

/** Files a case; returns its id. Staff (POST /cases) name the owner by account or phone, or none. */
export async function fileCase(db: Db, opts: { ctx: RequestContext; body: FileMyCaseBody | FileCaseBody; now?: Date }): Promise<number> {
  const { ctx } = opts;
  const body = opts.body as Input;
  const owner = isOwnerRole(ctx);
  const loc = await resolveLocation(db, ctx, body, owner);
  const ownerAccountId = owner ? ctx.accountId! : await resolveOwner(db, loc.estateId, body);

  const route = await routeFor(db, loc.estateId, body.category);
  const party: CaseParty = route.party;
  const level = levelOfParty(party);
  const rule = await deadlineRuleFor(db, loc.estateId, body.category, body.priority);
  const now = opts.now ?? new Date();
  const due = caseDueDates(now, rule);

  const r = await db.query(
    `INSERT INTO cases (no, estate_id, category, priority, location_kind, building_id, unit_id, location_text, title, description,
                        owner_account_id, filed_by, filed_by_role, state, level, handler_party, handler_department_id,
                        respond_due_at, resolve_due_at, next_due_at, company_id, created_at, updated_at)
     -- six digits at least, all of them past 999,999 (lpad alone would cut them)
     VALUES ('AJ' || to_char($18::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-'
               || (SELECT lpad(n, greatest(6, length(n)), '0') FROM (SELECT nextval('case_no_seq')::text AS n) s),
             $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $15, $16, $17, $16,
             -- the company serving the estate under a contract in force: a complaint may be about it
             (SELECT sc.company_id FROM service_contracts sc
               WHERE sc.estate_id = $1 AND sc.starts_on <= ($18::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
                 AND sc.ends_on >= ($18::timestamptz AT TIME ZONE 'Asia/Shanghai')::date
               ORDER BY sc.starts_on DESC, sc.id DESC LIMIT 1),
             $18, $18)
     RETURNING id, no`,
    [
      loc.estateId, body.category, body.priority, loc.locationKind, loc.buildingId, loc.unitId, loc.locationText, body.title,
      body.description, ownerAccountId, ctx.accountId, ctx.role, level, party, route.departmentId, due.respondDueAt,
      due.resolveDueAt, now,
    ],
  );
  const caseId = Number(r.rows[0].id);
  const caseNo = String(r.rows[0].no);
  if (ownerAccountId != null) {
    await db.query('INSERT INTO case_followers (case_id, account_id, since) VALUES ($1, $2, $3)', [caseId, ownerAccountId, now]);
  }
  let departmentName: string | null = null;
  if (route.departmentId != null) {
    const d = await db.query(
      `INSERT INTO case_department_calls (case_id, department_id, called_by, called_at, instruction, report_due_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING (SELECT name FROM departments WHERE id = $2) AS name`,
      [caseId, route.departmentId, ctx.accountId, now, DIRECT_CALL_INSTRUCTION, caseDeadline(now, DEPARTMENT_REPORT_DAYS, 'working_days')],
    );
    departmentName = String(d.rows[0].name);
  }
  const filerParty = owner ? 'owner' : partyOfRole(ctx.role);
  const holder = departmentName ?? CASE_PARTY_LABELS[party];
  await addCaseEvents(db, [
    { caseId, kind: 'filed', actorAccountId: ctx.accountId, actorRole: ctx.role, actorParty: filerParty, at: now,
      text: body.title, data: { category: body.category, priority: body.priority, onBehalf: !owner && ownerAccountId != null } },
    { caseId, kind: 'routed', actorAccountId: null, actorRole: 'system', actorParty: 'system', at: now,
      text: `按分派规则交由${holder}办理`,
      data: { party, level, departmentId: route.departmentId, respondDueAt: due.respondDueAt.toISOString(), resolveDueAt: due.resolveDueAt.toISOString() } },
  ]);
  // the rung the routing rule chose is told at once (a department routed to directly too)
  await notifyRungHolders(db, { caseIds: [caseId], kind: 'filed', now, exceptAccountId: ctx.accountId });
  await appendAudit(db, ctx.actor(), {
    action: 'case.file', targetType: 'case', targetId: caseId, estateId: loc.estateId,
    summary: {
      no: caseNo, category: body.category, priority: body.priority, locationKind: loc.locationKind, party, level,
      departmentId: route.departmentId, ownerAccountId, onBehalf: !owner,
    },
  });
  return caseId;
}

/** Where the case is: checked against the estate (and, for owners, their own units). Bad input
 *  names the field; nothing is written before this passes. */
async function resolveLocation(db: Db, ctx: RequestContext, body: Input, owner: boolean): Promise<Location> {
  let estateId = body.estateId ?? null;
  let buildingId = body.buildingId ?? null;
  const unitId = body.unitId ?? null;
  const text = body.locationText?.trim() || null;
  if (body.locationKind === 'unit' && unitId == null) throw fieldError('body.unitId', '请选择房屋');
  if (body.locationKind === 'building' && buildingId == null) throw fieldError('body.buildingId', '请选择楼栋');
  if (body.locationKind === 'common_area' && !text) throw fieldError('body.locationText', '请填写公共区域的位置，如“北门消防通道”');
  if (body.locationKind !== 'unit' && unitId != null) throw fieldError('body.unitId', '只有位置类型为房屋（unit）时才能选择房屋');

  if (unitId != null) {
    if (owner && !(ctx.scope.unitIds ?? []).includes(unitId)) throw fieldError('body.unitId', '只能选择您名下已绑定的房屋');
    const u = await db.query('SELECT estate_id, building_id FROM units WHERE id = $1', [unitId]);
    const unit = u.rows[0];
    if (!unit || (estateId != null && Number(unit.estate_id) !== estateId)) throw fieldError('body.unitId', '房屋不存在或不属于该小区');
    if (buildingId != null && Number(unit.building_id) !== buildingId) throw fieldError('body.buildingId', '所选楼栋与房屋不一致');
    estateId = Number(unit.estate_id);
    buildingId = Number(unit.building_id);
  } else if (buildingId != null) {
    const b = await db.query('SELECT estate_id FROM buildings WHERE id = $1', [buildingId]);
    const building = b.rows[0];
    if (!building || (estateId != null && Number(building.estate_id) !== estateId)) throw fieldError('body.buildingId', '楼栋不存在或不属于该小区');
    estateId = Number(building.estate_id);
  }
  if (estateId == null) {
    // an owner bound in one estate files there without naming it
    if (owner && ctx.scope.estateIds.length === 1) estateId = ctx.scope.estateIds[0]!;
    else throw fieldError('body.estateId', '请选择小区');
  }
  if (!ctx.scope.estateIds.includes(estateId)) {
    throw fieldError(body.unitId != null ? 'body.unitId' : body.buildingId != null ? 'body.buildingId' : 'body.estateId',
      owner ? '只能在您已绑定房屋的小区报事' : '该小区不在您的管辖范围内');
  }
  return { estateId, locationKind: body.locationKind, buildingId, unitId, locationText: text };
}

/** The owner a case filed on someone's behalf is for: an owner account bound (approved) in the
 *  estate, named by account id or by its phone; neither: the filer's own case (null). */
async function resolveOwner(db: Db, estateId: number, body: Input): Promise<number | null> {
  if (body.ownerAccountId != null && body.ownerPhone != null) throw fieldError('body.ownerPhone', '业主账号与手机号只需填写一项');
  if (body.ownerAccountId == null && body.ownerPhone == null) return null;
  const byPhone = body.ownerPhone != null;
  const r = await db.query(
    `SELECT a.id FROM accounts a
      WHERE ${byPhone ? 'a.phone = $1' : 'a.id = $1'} AND NOT a.disabled
        AND EXISTS (SELECT 1 FROM bindings b WHERE b.account_id = a.id AND b.estate_id = $2 AND b.status = 'approved')`,
    [byPhone ? body.ownerPhone : body.ownerAccountId, estateId],
  );
  if (!r.rows.length) {
    throw byPhone ? fieldError('body.ownerPhone', '该手机号不是本小区已绑定房屋的业主账号')
      : fieldError('body.ownerAccountId', '该账号不是本小区已绑定房屋的业主');
  }
  return Number(r.rows[0].id);
}

