import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { createAccount, SYSTEM_ACTOR } from './create-account.ts';

/** The first administrator (CLI `gongzhi create-admin`): role 'admin' over the root city region,
 *  or over the given region. Audited as done by the system. */
export async function createAdmin(opts: {
  db: Db;
  username: string;
  password: string;
  displayName: string;
  regionId?: number;
  phone?: string;
}): Promise<{ id: number; regionId: number }> {
  const region = opts.regionId
    ? await opts.db.query('SELECT id FROM regions WHERE id = $1', [opts.regionId])
    : await opts.db.query(`SELECT id FROM regions WHERE level = 'city' ORDER BY id LIMIT 1`);
  if (!region.rows.length) {
    throw new AppError('NOT_FOUND', { message: opts.regionId ? `区域 ${opts.regionId} 不存在` : '尚无城市区域，请先导入或生成区域数据' });
  }
  const regionId = Number(region.rows[0].id);
  const { id } = await createAccount({
    db: opts.db,
    username: opts.username,
    phone: opts.phone,
    password: opts.password,
    displayName: opts.displayName,
    grants: [{ role: 'admin', scopeId: regionId }],
    actor: SYSTEM_ACTOR,
  });
  return { id, regionId };
}
