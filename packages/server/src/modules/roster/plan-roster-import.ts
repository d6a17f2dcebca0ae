import type { ImportIssue, RosterImportCounts } from '@gongzhi/contracts';
import type { RosterRow } from '@gongzhi/domain';
import { HEADER_OF } from './roster-sheet.ts';
import { unitKey, type KnownOwner, type RosterState } from './roster-repo.ts';

// Turns validated rows and the estate's current state into the exact writes an import makes,
// without writing anything: the same plan serves a dry run (counts) and the commit. Problems that
// need the database (masked IDs, names registered under an ID number, dates before the current
// ownership) are found here.

/** "id:<owner id>" for an existing owner, "p:<hmac>" / "o:<credit code>" for one to create */
export type OwnerRef = string;

export interface PlannedOwner {
  key: OwnerRef;
  kind: 'person' | 'organisation';
  name: string;
  phone: string | null;
  idNumber: string | null;
  creditCode: string | null;
}

export interface PlannedUnit {
  buildingId: number;
  number: string;
  areaCenti: number;
  areaSource: string;
  kind: string;
  status: string;
}

export interface PlannedOwnership {
  buildingId: number;
  number: string;
  unitId: number | null; // null: a unit created by this import
  close: number[]; // owner ids whose current ownership ends
  open: OwnerRef[];
  date: string;
}

export interface RosterPlan {
  newOwners: PlannedOwner[];
  phoneUpdates: { ownerId: number; phone: string }[];
  units: PlannedUnit[];
  ownerships: PlannedOwnership[];
  counts: RosterImportCounts;
}

export interface PlanInput {
  rows: RosterRow[];
  state: RosterState;
  /** normalised ID number → its HMAC, for every person's full ID number in the file */
  hmacOf: Map<string, string>;
  found: { byHmac: Map<string, KnownOwner>; byCode: Map<string, KnownOwner> };
  today: string;
}

export function planRosterImport({ rows, state, hmacOf, found, today }: PlanInput): { issues: ImportIssue[]; plan: RosterPlan } {
  const issues: ImportIssue[] = [];
  const newOwners = new Map<OwnerRef, PlannedOwner>();
  const phoneUpdates = new Map<number, string>();
  const units: PlannedUnit[] = [];
  const ownerships: PlannedOwnership[] = [];
  const counts: RosterImportCounts = { rows: rows.length, unitsCreated: 0, unitsUpdated: 0, ownersCreated: 0, ownershipsChanged: 0 };

  for (const row of rows) {
    const buildingId = state.buildings.get(row.building)!; // the domain rules checked it exists
    const existing = state.units.get(unitKey(row.building, row.unit));
    const planned: PlannedUnit = {
      buildingId, number: row.unit, areaCenti: row.areaCenti, areaSource: row.areaSource, kind: row.kind, status: row.status,
    };
    if (!existing) {
      units.push(planned);
      counts.unitsCreated++;
    } else if (
      existing.areaCenti !== row.areaCenti || existing.areaSource !== row.areaSource || existing.kind !== row.kind || existing.status !== row.status
    ) {
      units.push(planned);
      counts.unitsUpdated++;
    }

    const current = existing ? (state.owners.get(existing.id) ?? []) : [];
    const target: OwnerRef[] = [];
    if (row.developerUnit) {
      if (state.developer) target.push(`id:${state.developer.id}`);
    } else {
      const used = new Set<number>();
      for (const o of row.owners) {
        if (o.maskedLast4 !== null) {
          // "the existing owner": same unit, same name, same last four
          const match = current.find((c) => !used.has(c.ownerId) && c.kind === 'person' && c.name === o.name && c.last4 === o.maskedLast4);
          if (!match) issues.push({ row: row.row, column: HEADER_OF.idNumber, reason: '证件号码已脱敏，且未找到对应的现有业主（请填写完整证件号码）' });
          else {
            used.add(match.ownerId);
            target.push(`id:${match.ownerId}`);
          }
          continue;
        }
        const id = o.idNumber!;
        const person = row.ownerKind === 'person';
        const key = person ? `p:${hmacOf.get(id)}` : `o:${id}`;
        const known = person ? found.byHmac.get(hmacOf.get(id)!) : found.byCode.get(id);
        if (known) {
          if (person && known.name !== o.name) {
            issues.push({ row: row.row, column: HEADER_OF.ownerName, reason: '该证件号码已登记的业主姓名与本行不一致，请核对姓名或证件号码' });
          }
          if (o.phone && o.phone !== known.phone) phoneUpdates.set(known.id, o.phone);
          target.push(`id:${known.id}`);
        } else {
          if (!newOwners.has(key)) {
            newOwners.set(key, {
              key, kind: person ? 'person' : 'organisation', name: o.name, phone: o.phone,
              idNumber: person ? id : null, creditCode: person ? null : id,
            });
          }
          target.push(key);
        }
      }
    }

    const currentIds = new Set(current.map((c) => c.ownerId));
    const targetSet = new Set(target);
    const close = current.filter((c) => !targetSet.has(`id:${c.ownerId}`));
    const open = [...targetSet].filter((ref) => !(ref.startsWith('id:') && currentIds.has(Number(ref.slice(3)))));
    if (close.length === 0 && open.length === 0) continue;
    const date = row.since ?? today;
    const latest = close.reduce((m, c) => (c.validFrom > m ? c.validFrom : m), '');
    if (row.since && latest && row.since < latest) {
      issues.push({ row: row.row, column: HEADER_OF.since, reason: `产权起始日期早于该房屋现有产权的起始日期（${latest}），请核对` });
    }
    ownerships.push({ buildingId, number: row.unit, unitId: existing?.id ?? null, close: close.map((c) => c.ownerId), open, date });
    counts.ownershipsChanged++;
  }
  counts.ownersCreated = newOwners.size;
  return {
    issues,
    plan: {
      newOwners: [...newOwners.values()],
      phoneUpdates: [...phoneUpdates].map(([ownerId, phone]) => ({ ownerId, phone })),
      units,
      ownerships,
      counts,
    },
  };
}
