import { apportionByArea } from '@gongzhi/domain';
import type { ApportionPreviewView, FundShareView } from '@gongzhi/contracts';
import type { ScopeUnit } from './scope-units.ts';

// The apportionment of a budget over the scope's units by area (TALLY-SPEC §2, largest remainder,
// ties by the fund's unit order), so the shares sum exactly to the budget. Shown live on a draft
// and frozen into fund_application_shares at submission.

export function computeShares(units: readonly ScopeUnit[], budgetFen: number): ApportionPreviewView {
  const fen = apportionByArea(budgetFen, units.map((u) => u.areaCenti));
  const shares: FundShareView[] = units.map((u, i) => ({
    position: i + 1, unitId: u.unitId, unit: u.unit, buildingId: u.buildingId, buildingName: u.buildingName,
    areaCenti: u.areaCenti, shareFen: fen[i]!, payer: u.payer, actualFen: null, balanceFen: u.balanceFen,
  }));
  return summarise(shares, budgetFen);
}

/** Totals over shares (live or frozen): area, the developer's part, the scope's balance and how
 *  far the budget exceeds it. */
export function summarise(shares: FundShareView[], budgetFen: number): ApportionPreviewView {
  const scopeBalanceFen = shares.reduce((s, x) => s + x.balanceFen, 0);
  return {
    shares,
    unitCount: shares.length,
    totalAreaCenti: shares.reduce((s, x) => s + x.areaCenti, 0),
    budgetFen,
    developerFen: shares.filter((x) => x.payer === 'developer').reduce((s, x) => s + x.shareFen, 0),
    scopeBalanceFen,
    shortfallFen: Math.max(0, budgetFen - scopeBalanceFen),
  };
}
