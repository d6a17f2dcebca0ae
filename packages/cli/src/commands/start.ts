import { ConsoleSender, createApp, createPool, loadSecrets, migrate, type Config } from '@gongzhi/server';
import { openDatabase } from '../database.ts';
import { seedIfEmpty } from './seed.ts';

/** Starts the whole platform: database, migrations, demo city on an empty database, API + web. */
export async function start(config: Config): Promise<void> {
  const database = await openDatabase(config);
  const pool = createPool(database.url, 20);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止… / stopping…`);
    await app?.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await database.stop().catch((e) => console.error(e));
    console.log('已停止 / stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    const applied = await migrate(pool);
    if (applied.length) console.log(`已应用迁移 / migrations applied: ${applied.join(', ')}`);
    const secrets = loadSecrets(config.dataDir);
    const seeded = await seedIfEmpty(pool, secrets);
    app = await createApp({ pool, config, secrets, sender: new ConsoleSender() });
    await app.listen({ port: config.port, host: config.host });
    const url = `http://localhost:${config.port}`;
    console.log(`\nGongzhi 共治 已启动 / running: ${url}`);
    console.log(`API 文档 / API docs: ${url}/api/docs`);
    console.log(database.embedded ? `数据库 / database: 内置 PostgreSQL (${config.dataDir}/pg)` : '数据库 / database: DATABASE_URL');
    if (seeded) console.log('已载入演示城市 / demo city loaded');
    if (config.demo) printDemoAccounts();
  } catch (e) {
    await shutdown('error');
    throw e;
  }
}

function printDemoAccounts(): void {
  // the same list the login page shows in demo mode
  import('@gongzhi/server/modules/demo/accounts.ts')
    .then(({ DEMO_ACCOUNTS, DEMO_PASSWORD }) => {
      console.log(`\n演示账号 / demo accounts (密码 / password: ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(22)} ${a.label}`);
    })
    .catch(() => undefined);
}
