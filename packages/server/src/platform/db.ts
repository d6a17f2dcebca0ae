import pg from 'pg';

// BIGINT comes back as a JS number: our ids and sums stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// DATE stays a 'YYYY-MM-DD' string: no time zone can shift a legal date.
pg.types.setTypeParser(1082, (v) => v);

export type Pool = pg.Pool;
/** A connection: inside a transaction for mutations, a plain pooled client for reads. */
export type Db = pg.PoolClient;

export function createPool(connectionString: string, max = 10): Pool {
  return new pg.Pool({ connectionString, max });
}

/** Runs fn in one transaction; rolls back on any throw, so nothing is half-written. */
export async function withTx<T>(pool: Pool, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function withClient<T>(pool: Pool, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

export async function rows<T = Record<string, unknown>>(db: Db | Pool, sql: string, params: unknown[] = []): Promise<T[]> {
  const r = await db.query(sql, params);
  return r.rows as T[];
}

export async function one<T = Record<string, unknown>>(db: Db | Pool, sql: string, params: unknown[] = []): Promise<T | undefined> {
  const r = await db.query(sql, params);
  return r.rows[0] as T | undefined;
}

export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string })?.code === '23505';
