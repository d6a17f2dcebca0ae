import type { InvitationView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';

/** Invitations with their unit label and owner name; `where` uses $1.. of `params`. */
export async function selectInvitations(db: Db, where: string, params: unknown[], tail = ''): Promise<InvitationView[]> {
  const r = await db.query(
    `SELECT i.id, i.code, i.estate_id, i.unit_id, b.name AS building, u.number, i.owner_id, o.name AS owner_name,
            i.created_at, i.expires_at, i.used_at
       FROM invitations i
       JOIN units u ON u.id = i.unit_id
       JOIN buildings b ON b.id = u.building_id
       JOIN owners o ON o.id = i.owner_id
      WHERE ${where} ${tail}`,
    params,
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    code: x.code,
    estateId: Number(x.estate_id),
    unitId: Number(x.unit_id),
    unitLabel: `${x.building} ${x.number}`,
    ownerId: Number(x.owner_id),
    ownerName: x.owner_name,
    createdAt: (x.created_at as Date).toISOString(),
    expiresAt: (x.expires_at as Date).toISOString(),
    usedAt: x.used_at ? (x.used_at as Date).toISOString() : null,
  }));
}
