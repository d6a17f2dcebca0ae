import { migrate as applyMigrations, type Config } from '@gongzhi/server';
import { withDatabase } from '../database.ts';

/** Applies the migrations not yet applied (the other commands do this too, first). */
export async function migrate(config: Config): Promise<void> {
  await withDatabase(config, async (pool) => {
    const applied = await applyMigrations(pool);
    console.log(applied.length ? `已应用迁移 / applied: ${applied.join(', ')}` : '数据库已是最新 / already up to date');
  }, { migrate: false });
}
