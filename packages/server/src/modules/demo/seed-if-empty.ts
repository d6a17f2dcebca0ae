import type { Secrets } from '../../platform/crypto.ts';
import type { Pool } from '../../platform/db.ts';
import { DatabaseNotEmptyError, isDatabaseEmpty, loadDemoCity, type DemoLoadSummary } from './load-demo-city.ts';

/** Loads the demo city when the database holds nothing yet; returns the summary, or null when
 *  the database already had data (then nothing is touched). */
export async function seedIfEmpty(pool: Pool, secrets: Secrets, opts: { dataDir?: string } = {}): Promise<DemoLoadSummary | null> {
  if (!(await isDatabaseEmpty(pool))) return null;
  try {
    return await loadDemoCity({ pool, secrets, dataDir: opts.dataDir });
  } catch (e) {
    // another instance seeded it between our check and our lock
    if (e instanceof DatabaseNotEmptyError) return null;
    throw e;
  }
}
