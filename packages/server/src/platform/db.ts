import pg from 'pg';

// BIGINT comes back as a JS number: our ids and sums stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// DATE stays a 'YYYY-MM-DD' string: no time zone can shift a legal date.
pg.types.setTypeParser(1082, (v) => v);

export type Pool = pg.Pool;
/** A connection: inside a transaction for mutations, a plain pooled client for reads. */
export type Db = pg.PoolClient;

/** Named (prepared) statements are the per-request hot paths (session + scope, the units page).
 *  They run on a generic plan, planned once per connection: with the default, PostgreSQL keeps
 *  re-planning them whenever its generic estimate looks worse, and planning costs more than
 *  running them. A named statement must therefore have a plan that is good for any parameters.
 *  random_page_cost 1.1: the data lives on SSD or in cache; at the default 4 the planner prefers
 *  scanning small tables to probing their primary key.
 *  NOTE: the setting reaches EVERY parameterised statement, named or not (pg sends `$n` queries
 *  as unnamed prepared statements, which go through the same plan cache), so no parameterised
 *  query sees its values when planned. Queries whose best plan depends on the values (the cases
 *  queue: state, scope, filters) write their validated values into the SQL text instead
 *  (modules/cases/case-list.ts). Making this per statement is open work: changing it here
 *  changes the plans of every module and needs every benchmark re-measured. */
const SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan -c random_page_cost=1.1';

export function createPool(connectionString: string, max = 10): Pool {
  const pool = new pg.Pool({ connectionString, max, options: SESSION_OPTIONS });
  // A connection that PostgreSQL drops while a request holds it between two queries (a database
  // crash or restart: "terminating connection due to unexpected postmaster exit") emits 'error'
  // on its client, and an 'error' without a listener kills the whole process (found by the crash
  // harness, test/trust/crash-harness.test.ts). The pool listens only while a client is idle; this
  // listener covers the checked-out time. Nothing is hidden: the holder's next query fails, and
  // the pool drops the broken client when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
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

/** Runs queries on one connection one after another and returns their results in order, like
 *  Promise.all but without giving one client several queries at once (pg queues them, warns, and
 *  pg@9 will refuse). */
export async function inOrder<T extends readonly unknown[]>(fns: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const out: unknown[] = [];
  for (const f of fns as unknown as Array<() => Promise<unknown>>) out.push(await f());
  return out as unknown as T;
}
