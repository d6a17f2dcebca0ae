import { encryptIdNumber, type Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import type { RosterPlan } from './plan-roster-import.ts';
import { changeOwnerships, insertOwners, unitIdKey, updateOwnerPhones, upsertUnits } from './roster-repo.ts';

/** Writes a validated plan: owners, units, then ownership history. Runs inside the caller's transaction. */
export async function commitRosterPlan(db: Db, secrets: Secrets, estateId: number, plan: RosterPlan): Promise<void> {
  const ownerIds = await insertOwners(
    db,
    plan.newOwners.map((o) => ({
      key: o.key,
      kind: o.kind,
      name: o.name,
      phone: o.phone,
      idNumberEnc: o.idNumber ? encryptIdNumber(secrets, o.idNumber) : null,
      last4: o.idNumber ? o.idNumber.slice(-4) : null,
      hmac: o.kind === 'person' ? o.key.slice(2) : null,
      creditCode: o.creditCode,
    })),
  );
  await updateOwnerPhones(db, plan.phoneUpdates);
  const unitIds = await upsertUnits(db, estateId, plan.units);

  const close: { unitId: number; ownerId: number; date: string }[] = [];
  const open: { unitId: number; ownerId: number; date: string }[] = [];
  for (const change of plan.ownerships) {
    const unitId = change.unitId ?? unitIds.get(unitIdKey(change.buildingId, change.number));
    if (unitId === undefined) throw new Error(`unit ${change.number} was not written`);
    for (const ownerId of change.close) close.push({ unitId, ownerId, date: change.date });
    for (const ref of change.open) {
      const ownerId = ref.startsWith('id:') ? Number(ref.slice(3)) : ownerIds.get(ref);
      if (ownerId === undefined) throw new Error('owner was not written');
      open.push({ unitId, ownerId, date: change.date });
    }
  }
  await changeOwnerships(db, estateId, close, open);
}
