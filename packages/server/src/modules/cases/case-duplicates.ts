import type { CaseListItem } from '@gongzhi/contracts';
import { isLikelyDuplicate } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { assertCanAct, assertCanSee, caseVisibleSql } from './case-access.ts';
import { caseFromRow, loadCase } from './case-repository.ts';
import { caseListItems } from './case-view.ts';

// Likely duplicates of a case, suggested to the staff holding it (they may merge them): the
// database narrows to the same estate and category, running, created within 24 hours either
// side; the domain's isLikelyDuplicate decides (same place, the window inclusive).

const MAX_SUGGESTIONS = 20;

export async function findDuplicates(o: { db: Db; ctx: RequestContext; caseId: number }): Promise<CaseListItem[]> {
  const { db, ctx } = o;
  const c = await loadCase(db, o.caseId);
  const access = await assertCanSee(db, ctx, c);
  assertCanAct(ctx, c, 'merge', access);
  const params: unknown[] = [c.estateId, c.category, c.id, c.createdAt];
  const visible = caseVisibleSql(ctx, params, 'c');
  const r = await db.query(
    `SELECT c.* FROM cases c
      WHERE c.estate_id = $1 AND c.category = $2 AND c.id <> $3 AND c.state IN ('open', 'in_progress')
        AND c.created_at BETWEEN $4::timestamptz - interval '24 hours' AND $4::timestamptz + interval '24 hours'
        AND ${visible}
      ORDER BY c.created_at, c.id LIMIT 200`,
    params,
  );
  const dups = r.rows.map(caseFromRow).filter((x) => isLikelyDuplicate(c, x)).slice(0, MAX_SUGGESTIONS);
  return caseListItems({ db, ctx, cases: dups });
}
