import { loadConfig, startEmbeddedDb, type Config } from '@gongzhi/server';

/** DATABASE_URL if set, otherwise the embedded PostgreSQL under data/. */
export async function openDatabase(config: Config, quiet = false): Promise<{ url: string; stop: () => Promise<void>; embedded: boolean }> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => undefined, embedded: false };
  const port = Number(process.env.GONGZHI_PG_PORT ?? 54329);
  const db = await startEmbeddedDb({ dataDir: config.dataDir, port, quiet });
  return { ...db, embedded: true };
}

export { loadConfig };
