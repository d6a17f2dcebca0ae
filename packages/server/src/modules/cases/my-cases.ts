import type { CaseListPage, MyCasesQuery } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { ownerCommonSql, ownerMineSql } from './case-access.ts';
import { CASE_LIST_COLUMNS, CASE_LIST_JOINS, caseListItemFromRow } from './case-view.ts';

// An owner's two lists (GET /my/cases): 'mine' — the cases filed for them and the ones they follow
// (merged into a case they now follow); 'estate' — the common-area cases of their estates (a case
// about someone else's unit is never here). Newest first. `mine` marks their own.

export async function myCases(db: Db, opts: { ctx: RequestContext; query: MyCasesQuery }): Promise<CaseListPage> {
  const { ctx, query } = opts;
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  // the two halves of an owner's visibility (case-access), never a rule of its own
  const mineSql = ownerMineSql(ctx, params);
  const conds = [query.scope === 'mine' ? mineSql : ownerCommonSql(ctx, params)];
  if (query.estateId != null) conds.push(`c.estate_id = ${p(query.estateId)}`);
  if (query.state) conds.push(`c.state = ${p(query.state)}`);
  const where = conds.join(' AND ');
  // the count names the caller too (mine), so both statements take the same parameters
  const total = await db.query(`SELECT count(*)::int AS n FROM cases c WHERE ${where} AND $1::bigint IS NOT NULL`, params);
  const offset = (query.page - 1) * query.pageSize;
  const r = await db.query(
    `SELECT ${CASE_LIST_COLUMNS}, ${mineSql} AS mine FROM cases c ${CASE_LIST_JOINS}
      WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${query.pageSize} OFFSET ${offset}`,
    params,
  );
  return {
    items: r.rows.map((row) => caseListItemFromRow(row, { mine: Boolean(row.mine) })),
    total: Number(total.rows[0].n), page: query.page, pageSize: query.pageSize,
  };
}
