import type { FundSharesView, FundShareView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';
import type { FundApplicationRow } from './application-repository.ts';
import { resolveScopeUnits } from './scope-units.ts';
import { computeShares, summarise } from './shares-compute.ts';

// The shares of an application: after submission the frozen ones (fund_application_shares, with
// the actual share once settled), on a draft computed live from its scope and budget. Balances
// are today's.

export async function readShares(db: Db, a: FundApplicationRow): Promise<FundSharesView> {
  const budgetFen = Number(a.budget_fen);
  const frozen = await db.query(
    `SELECT s.position, s.unit_id, s.area_centi, s.share_fen, s.payer, s.actual_fen, u.building_id, b.name AS building_name, u.number,
            COALESCE(f.credits_fen - f.debits_fen, 0) AS balance
       FROM fund_application_shares s JOIN units u ON u.id = s.unit_id JOIN buildings b ON b.id = u.building_id
       LEFT JOIN fund_accounts f ON f.unit_id = s.unit_id AND f.kind = 'unit'
      WHERE s.application_id = $1 ORDER BY s.position`,
    [a.id],
  );
  if (frozen.rows.length > 0) {
    const shares: FundShareView[] = frozen.rows.map((x) => ({
      position: Number(x.position), unitId: Number(x.unit_id), unit: `${x.building_name}-${x.number}`, buildingId: Number(x.building_id),
      buildingName: String(x.building_name), areaCenti: Number(x.area_centi), shareFen: Number(x.share_fen), payer: x.payer,
      actualFen: x.actual_fen == null ? null : Number(x.actual_fen), balanceFen: Number(x.balance),
    }));
    return { ...summarise(shares, budgetFen), frozen: true };
  }
  if (a.state !== 'draft') return { ...summarise([], budgetFen), frozen: true };
  try {
    const units = await resolveScopeUnits(db, Number(a.estate_id), {
      scopeKind: a.scope_kind, buildingIds: a.scope_building_ids.map(Number), unitIds: a.scope_unit_ids.map(Number),
    }, '');
    return { ...computeShares(units, budgetFen), frozen: false };
  } catch {
    // a draft whose scope no longer resolves (a building emptied): nothing to show until edited
    return { ...summarise([], budgetFen), frozen: false };
  }
}
