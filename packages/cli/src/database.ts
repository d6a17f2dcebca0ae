import { CliError } from './cli-error.ts';
import { createPool, loadConfig, migrate, startEmbeddedDb, type Config, type Pool } from '@gongzhi/server';

export interface OpenDatabase {
  url: string;
  stop: () => Promise<void>;
  embedded: boolean;
}

/** DATABASE_URL if set, otherwise the embedded PostgreSQL under the data directory. */
export async function openDatabase(config: Config, quiet = false): Promise<OpenDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  const port = Number(process.env.GONGZHI_PG_PORT ?? 54329);
  try {
    const db = await startEmbeddedDb({ dataDir: config.dataDir, port, quiet });
    return { ...db, embedded: true };
  } catch (e) {
    // the library rejects with nothing at all when PostgreSQL exits during start-up
    if (e instanceof Error) throw e;
    throw new CliError(
      `内置 PostgreSQL 未能启动（端口 ${port} 可能已被占用，可设置 GONGZHI_PG_PORT）\n` +
        `The embedded PostgreSQL did not start (port ${port} may be in use; set GONGZHI_PG_PORT)`,
    );
  }
}

/** For the one-shot commands: opens the database (migrated unless told otherwise), runs fn,
 *  and always closes the pool and stops an embedded PostgreSQL again. */
export async function withDatabase<T>(
  config: Config,
  fn: (pool: Pool, database: OpenDatabase) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const database = await openDatabase(config, true);
  const pool = createPool(database.url, 4);
  // stopping PostgreSQL ends connections pg-pool is still closing; that is expected, not a crash
  pool.on('error', () => undefined);
  try {
    if (opts.migrate !== false) await migrate(pool);
    return await fn(pool, database);
  } finally {
    await pool.end().catch(() => undefined);
    await database.stop();
  }
}

export { loadConfig };
