import type { MyUnitsResponse } from '@gongzhi/contracts';
import { formatAreaCenti } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { selectBindings } from './binding-view.ts';

/** An owner's bound units, and the binding requests still pending or turned down. */
export async function myUnits(opts: { db: Db; ctx: RequestContext }): Promise<MyUnitsResponse> {
  const { db, ctx } = opts;
  const r = await db.query(
    `SELECT bd.id AS binding_id, u.id AS unit_id, u.estate_id, e.name AS estate_name, u.building_id, b.name AS building, u.number,
            u.area_centi, u.kind, u.status,
            (SELECT count(*)::int FROM ownerships os WHERE os.unit_id = u.id AND os.valid_to IS NULL) AS co_owners
       FROM bindings bd
       JOIN units u ON u.id = bd.unit_id
       JOIN buildings b ON b.id = u.building_id
       JOIN estates e ON e.id = u.estate_id
      WHERE bd.account_id = $1 AND bd.status = 'approved'
      ORDER BY e.name, b.name, u.number`,
    [ctx.accountId],
  );
  const units = r.rows.map((x) => ({
    bindingId: Number(x.binding_id),
    unitId: Number(x.unit_id),
    estateId: Number(x.estate_id),
    estateName: x.estate_name,
    buildingId: Number(x.building_id),
    building: x.building,
    number: x.number,
    areaCenti: Number(x.area_centi),
    area: formatAreaCenti(Number(x.area_centi)),
    kind: x.kind,
    status: x.status,
    coOwners: Number(x.co_owners),
  }));
  const requests = await selectBindings(db, `bd.account_id = $1 AND bd.status IN ('pending', 'rejected')`, [ctx.accountId]);
  return { units, requests };
}
