import type { RegionView } from '@gongzhi/contracts';
import { one, rows, type Db } from '../../platform/db.ts';
import type { Scope } from '../../platform/scope.ts';

// Region paths are materialised ("/1/3/7/", the region's own id last): a subtree is a prefix match.

/** The regions a caller sees: every region on the path down to an estate in scope and, for region
 *  grants, the whole subtree of the granted region (even parts without estates yet). */
export function listVisibleRegions(db: Db, scope: Scope): Promise<RegionView[]> {
  return rows<RegionView>(
    db,
    `WITH scoped AS (
       SELECT c.path FROM estates e JOIN regions c ON c.id = e.community_id WHERE e.id = ANY($1::bigint[]))
     SELECT r.id, r.parent_id AS "parentId", r.level, r.name, r.code, r.path,
            (SELECT count(*) FROM scoped s WHERE s.path LIKE r.path || '%')::int AS "estateCount"
       FROM regions r
      WHERE ($2::text IS NOT NULL AND (r.path LIKE $2 || '%' OR $2 LIKE r.path || '%'))
         OR EXISTS (SELECT 1 FROM scoped s WHERE s.path LIKE r.path || '%')
      ORDER BY r.level, r.name, r.id`,
    [scope.estateIds, scope.regionPath],
  );
}

export function findRegionUnsafe(db: Db, id: number) {
  return one<{ id: number; level: string; path: string; name: string }>(
    db, 'SELECT id, level, path, name FROM regions WHERE id = $1', [id],
  );
}
