import type { CaseListItem } from '@gongzhi/contracts';
import {
  CASE_CATEGORY_LABELS, CASE_LEVEL_LABELS, CASE_PARTY_LABELS, CASE_PRIORITY_LABELS, CASE_STATE_LABELS,
  type CaseCategory, type CaseLevel, type CaseParty, type CasePriority, type CaseState,
} from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { caseFromRow, type CaseRow } from './case-repository.ts';

// How a case reads in a queue (CaseListItem): labels, where it is, who holds it, and whether it
// is overdue. Every list (queues, the owner's lists, Excel, duplicates) selects CASE_LIST_COLUMNS
// FROM cases c + CASE_LIST_JOINS and builds its items with caseListItemFromRow, so they agree.

/** Open or in progress past the resolve deadline of the rung holding it. */
export const OVERDUE_SQL = `(c.state IN ('open', 'in_progress') AND COALESCE(c.resolve_due_at < now(), false))`;

export const CASE_LIST_COLUMNS = `c.*, e.name AS estate_name, b.name AS building_name, u.number AS unit_number,
  d.name AS department_name, asg.display_name AS assignee_name, ${OVERDUE_SQL} AS overdue`;

export const CASE_LIST_JOINS = `
  JOIN estates e ON e.id = c.estate_id
  LEFT JOIN buildings b ON b.id = c.building_id
  LEFT JOIN units u ON u.id = c.unit_id
  LEFT JOIN departments d ON d.id = c.handler_department_id
  LEFT JOIN accounts asg ON asg.id = c.assignee_account_id`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** "3栋 301", "3栋", "北门消防通道", "全小区". */
export function locationLabel(r: { locationKind: string; buildingName: string | null; unitNumber: string | null; locationText: string | null }): string {
  switch (r.locationKind) {
    case 'unit': return [r.buildingName, r.unitNumber].filter(Boolean).join(' ') || '房屋';
    case 'building': return [r.buildingName, r.locationText].filter(Boolean).join(' ') || '楼栋';
    case 'common_area': return r.locationText ?? '公共区域';
    default: return r.locationText ? `全小区（${r.locationText}）` : '全小区';
  }
}

/** Who holds the case, by name: a department by its own name, a party by its label. */
export const handlerName = (party: CaseParty, departmentName: string | null) =>
  party === 'department' && departmentName ? departmentName : CASE_PARTY_LABELS[party];

export interface ListRowExtras {
  estateName: string;
  buildingName: string | null;
  unitNumber: string | null;
  departmentName: string | null;
  assigneeName: string | null;
  overdue: boolean;
}

export function listExtras(r: Record<string, unknown>): ListRowExtras {
  return {
    estateName: String(r.estate_name),
    buildingName: (r.building_name as string | null) ?? null,
    unitNumber: (r.unit_number as string | null) ?? null,
    departmentName: (r.department_name as string | null) ?? null,
    assigneeName: (r.assignee_name as string | null) ?? null,
    overdue: Boolean(r.overdue),
  };
}

export function caseListItem(c: CaseRow, x: ListRowExtras, opts: { mine?: boolean } = {}): CaseListItem {
  return {
    id: c.id,
    no: c.no,
    estateId: c.estateId,
    estateName: x.estateName,
    category: c.category,
    categoryLabel: CASE_CATEGORY_LABELS[c.category as CaseCategory],
    priority: c.priority,
    priorityLabel: CASE_PRIORITY_LABELS[c.priority as CasePriority],
    title: c.title,
    locationLabel: locationLabel({ locationKind: c.locationKind, buildingName: x.buildingName, unitNumber: x.unitNumber, locationText: c.locationText }),
    state: c.state,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    level: c.level,
    levelLabel: CASE_LEVEL_LABELS[c.level as CaseLevel],
    handlerParty: c.handlerParty,
    handlerName: handlerName(c.handlerParty, x.departmentName),
    assigneeName: x.assigneeName,
    respondDueAt: iso(c.respondDueAt),
    resolveDueAt: iso(c.resolveDueAt),
    nextDueAt: iso(c.nextDueAt),
    overdue: x.overdue,
    reopenCount: c.reopenCount,
    rating: c.rating,
    createdAt: c.createdAt.toISOString(),
    ...(opts.mine === undefined ? {} : { mine: opts.mine }),
  };
}

/** One row of CASE_LIST_COLUMNS as a list item. */
export function caseListItemFromRow(r: Record<string, unknown>, opts: { mine?: boolean } = {}): CaseListItem {
  return caseListItem(caseFromRow(r), listExtras(r), opts);
}

/** The CASE_LIST_COLUMNS rows of these cases (in no particular order). A named statement: planned
 *  once per connection, its plan (the cases by primary key, then the names) right for any ids;
 *  planning this join of six tables cost more than running it (~1 ms against ~0.3 ms at 1M
 *  cases), on every queue page. */
export function caseListRowsById(db: Db, ids: readonly number[]) {
  return db.query({
    name: 'cases_list_rows_by_id',
    text: `SELECT ${CASE_LIST_COLUMNS} FROM cases c ${CASE_LIST_JOINS} WHERE c.id = ANY($1::bigint[])`,
    values: [ids],
  });
}

/** List items of cases already loaded (e.g. the duplicates a rule picked), in the given order:
 *  their names and the overdue flag are read in one statement. */
export async function caseListItems(o: { db: Db; ctx: RequestContext; cases: readonly CaseRow[] }): Promise<CaseListItem[]> {
  if (!o.cases.length) return [];
  const r = await caseListRowsById(o.db, o.cases.map((c) => c.id));
  const byId = new Map(r.rows.map((row) => [Number(row.id), row]));
  return o.cases.filter((c) => byId.has(c.id)).map((c) => caseListItemFromRow(byId.get(c.id)!));
}

export const CASE_EVENT_KIND_LABELS: Record<string, string> = {
  filed: '报事', routed: '分派', assigned: '指派', responded: '响应', note: '办理情况', deadline: '时限',
  escalated: '升级', department_called: '吹哨召集部门', department_reported: '部门报到', resolved: '办结',
  confirmed: '业主确认', reopened: '重新办理', auto_closed: '自动结案', merged: '合并', merged_in: '并入', verified: '核实',
};

const FILER_PARTY_LABELS: Record<string, string> = {
  company: '物业', committee: '业委会', community: '社区', street: '街道', department: '职能部门',
};

/** '业主' / '3栋业主' for an owner's own filing; 'X代报' on an owner's behalf; 'X报事' as staff's own. */
export function filedByLabel(c: CaseRow, filerParty: string, buildingName: string | null): string {
  if (c.filedByRole === 'owner') return buildingName ? `${buildingName}业主` : '业主';
  const who = FILER_PARTY_LABELS[filerParty] ?? '工作人员';
  return c.ownerAccountId != null ? `${who}代报` : `${who}报事`;
}
