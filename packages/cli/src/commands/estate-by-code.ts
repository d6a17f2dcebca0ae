import type { Pool } from '@gongzhi/server';
import { CliError } from '../cli-error.ts';

export async function estateByCode(pool: Pool, code: string): Promise<{ id: number; name: string }> {
  const r = await pool.query('SELECT id, name FROM estates WHERE code = $1', [code]);
  if (!r.rows.length) throw new CliError(`小区编码 ${code} 不存在 / no estate with code ${code}`);
  return { id: Number(r.rows[0].id), name: r.rows[0].name as string };
}

/** The CLI acts as the system; the audit log says so. */
export const CLI_ACTOR = { accountId: null, role: 'cli', ip: null };
