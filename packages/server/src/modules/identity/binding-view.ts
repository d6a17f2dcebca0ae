import type { BindingView } from '@gongzhi/contracts';
import { maskPhone } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';

/** Bindings with the names a reviewer needs; `where` uses $1.. of `params`. Phones are masked. */
export async function selectBindings(db: Db, where: string, params: unknown[], tail = 'ORDER BY bd.requested_at DESC, bd.id DESC'): Promise<BindingView[]> {
  const r = await db.query(
    `SELECT bd.id, bd.estate_id, e.name AS estate_name, bd.unit_id, b.name AS building, u.number,
            bd.owner_id, o.name AS owner_name, bd.account_id, a.display_name, a.phone, bd.verified_phone,
            bd.method, bd.status, bd.requested_at, bd.reviewed_at, bd.review_note
       FROM bindings bd
       JOIN estates e ON e.id = bd.estate_id
       JOIN units u ON u.id = bd.unit_id
       JOIN buildings b ON b.id = u.building_id
       JOIN owners o ON o.id = bd.owner_id
       JOIN accounts a ON a.id = bd.account_id
      WHERE ${where} ${tail}`,
    params,
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    estateId: Number(x.estate_id),
    estateName: x.estate_name,
    unitId: Number(x.unit_id),
    unitLabel: `${x.building} ${x.number}`,
    ownerId: Number(x.owner_id),
    ownerName: x.owner_name,
    accountId: Number(x.account_id),
    accountName: x.display_name,
    // the phone proved with a code when the request was made, else the account's current one
    accountPhone: maskPhone(x.verified_phone ?? x.phone),
    phoneVerified: x.verified_phone !== null,
    method: x.method,
    status: x.status,
    requestedAt: (x.requested_at as Date).toISOString(),
    reviewedAt: x.reviewed_at ? (x.reviewed_at as Date).toISOString() : null,
    reviewNote: x.review_note ?? null,
  }));
}

export async function bindingById(db: Db, id: number): Promise<BindingView> {
  const [v] = await selectBindings(db, 'bd.id = $1', [id], '');
  return v;
}
