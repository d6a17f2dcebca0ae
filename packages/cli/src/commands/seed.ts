import { loadSecrets, type Config } from '@gongzhi/server';
import { DatabaseNotEmptyError, loadDemoCity } from '@gongzhi/server/modules/demo/index.ts';
import { CliError } from '../cli-error.ts';
import { withDatabase } from '../database.ts';

/** Loads the demo city into an EMPTY database; refuses otherwise (nothing is changed). */
export async function seed(config: Config): Promise<void> {
  await withDatabase(config, async (pool) => {
    try {
      const s = await loadDemoCity({ pool, secrets: loadSecrets(config.dataDir), dataDir: config.dataDir });
      console.log(`已载入演示城市 / demo city loaded in ${s.ms} ms: ${s.estates} 个小区 / estates, ${s.buildings} 栋楼 / buildings, ` +
        `${s.units} 套房屋 / units, ${s.owners} 位业主 / owners, ${s.accounts} 个账号 / accounts`);
    } catch (e) {
      if (e instanceof DatabaseNotEmptyError) throw new CliError(e.message);
      throw e;
    }
  });
}
