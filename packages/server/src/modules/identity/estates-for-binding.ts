import type { EstateForBinding } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';

/** The public directory of estates (names and where they are, nothing else), from which an owner
 *  picks the estate to match the roster in. */
export async function estatesForBinding(opts: { db: Db }): Promise<EstateForBinding[]> {
  const r = await opts.db.query(
    `SELECT e.id, e.name, COALESCE(d.name, '') AS district, COALESCE(s.name, '') AS street
       FROM estates e
       JOIN regions c ON c.id = e.community_id
       LEFT JOIN regions s ON s.id = c.parent_id
       LEFT JOIN regions d ON d.id = s.parent_id
      ORDER BY d.name, s.name, e.name, e.id`,
  );
  return r.rows.map((x) => ({ id: Number(x.id), name: x.name, district: x.district, street: x.street }));
}
