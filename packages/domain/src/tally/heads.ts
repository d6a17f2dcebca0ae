import { unitArea } from './areas.ts';
import type { ChargingScope, DecisionRecord, TallyOptions, TallyUnit, UsedAreaSource } from './types.ts';

// Who counts (最高法 建筑物区分所有权解释 第9条; TALLY-SPEC §3, §5). Each unit belongs to one
// head: the developer for every unsold or undelivered unit, otherwise the unit's owner id (a
// co-owned unit's owner is the co-ownership, so it is one head; an owner of several units is one
// head). Only units inside the charging scope make heads and area.

export interface RosterUnit {
  unit: TallyUnit;
  headId: string;
  /** The area that counts (0 for parking where parking area does not count). */
  countedCenti: number;
  areaCenti: number;
  source: UsedAreaSource;
}

export interface Head {
  id: string;
  isDeveloper: boolean;
  areaCenti: number;
  units: RosterUnit[];
}

export interface Roster {
  heads: Map<string, Head>;
  /** Head ids in first-appearance order (unit order as listed). */
  order: string[];
  areaTotalCenti: number;
  headTotal: number;
  areaSources: Record<UsedAreaSource, number>;
  /** Owner ids whose units are all outside the scope. */
  outOfScope: Set<string>;
  /** Buyers of sold-but-undelivered units who own nothing delivered in scope: not yet owners. */
  pendingBuyers: Set<string>;
}

export function inScope(u: TallyUnit, scope: ChargingScope | undefined): boolean {
  if (!scope || (!scope.buildings?.length && !scope.units?.length)) return true;
  if (scope.units?.includes(u.unit)) return true;
  return u.building !== undefined && (scope.buildings?.includes(u.building) ?? false);
}

export function headOf(u: TallyUnit, developer: string): string {
  return u.status === 'sold' && u.owner !== undefined ? u.owner : developer;
}

export function buildRoster(record: DecisionRecord, options: TallyOptions): Roster {
  const heads = new Map<string, Head>();
  const order: string[] = [];
  const areaSources: Record<UsedAreaSource, number> = { registry: 0, survey: 0, contract: 0, unspecified: 0 };
  const seenOutside = new Set<string>();
  const buyers = new Set<string>();
  let areaTotalCenti = 0;
  for (const u of record.units) {
    const headId = headOf(u, record.developer);
    if (u.status === 'undelivered' && u.owner !== undefined) buyers.add(u.owner);
    if (!inScope(u, record.scope)) {
      seenOutside.add(headId);
      continue;
    }
    const { areaCenti, source } = unitArea(u);
    const countedCenti = u.kind === 'parking' && !options.parkingAreaCounts ? 0 : areaCenti;
    areaSources[source] += 1;
    let head = heads.get(headId);
    if (!head) {
      head = { id: headId, isDeveloper: headId === record.developer, areaCenti: 0, units: [] };
      heads.set(headId, head);
      order.push(headId);
    }
    head.units.push({ unit: u, headId, countedCenti, areaCenti, source });
    head.areaCenti += countedCenti;
    areaTotalCenti += countedCenti;
  }
  const outOfScope = new Set([...seenOutside].filter((id) => !heads.has(id)));
  const pendingBuyers = new Set([...buyers].filter((id) => !heads.has(id)));
  return { heads, order, areaTotalCenti, headTotal: heads.size, areaSources, outOfScope, pendingBuyers };
}
