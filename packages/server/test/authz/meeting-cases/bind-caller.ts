import type { CaseArgs } from '../route-cases.ts';

/** Binds the caller (own side only) to the side's owner with an approved binding: the owner's
 *  views of a meeting (/my/meetings/...) answer only accounts that may vote in it. */
export async function bindCaller(a: CaseArgs): Promise<void> {
  if (a.target !== 'own') return;
  await a.fx.t.pool.query(
    `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status, reviewed_at)
     SELECT $1, $2, $3, $4, 'invitation', 'approved', now()
      WHERE NOT EXISTS (SELECT 1 FROM bindings WHERE account_id = $1 AND unit_id = $2 AND status IN ('pending', 'approved'))`,
    [a.me.accountId, a.side.unitId, a.side.ownerId, a.side.estateId],
  );
}
