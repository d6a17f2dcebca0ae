import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDb } from '../../src/platform/embedded-db.ts';

// The crash harness's processes: its OWN PostgreSQL cluster (startEmbeddedDb in a temp dir, on a
// port of its own — never the shared test cluster, which every other test file uses) and the
// real server (`gongzhi start`) as a child process on it. Both can be SIGKILLed: no shutdown hook,
// no checkpoint, shared memory (and with it WAL not yet written out) gone.

const ROOT = path.resolve(import.meta.dirname, '../../../..');

export interface Cluster {
  url: string;
  port: number;
  dataDir: string;
  /** SIGKILL to the postmaster and every process it started (backends, walwriter, checkpointer…) */
  kill(): Promise<void>;
  /** start again on the same data directory (crash recovery replays the WAL) */
  restart(): Promise<void>;
  /** a clean stop at the end */
  stop(): Promise<void>;
}

/** Running (a zombie, killed and not yet reaped by its parent, holds nothing and counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Direct children of `pid`, from /proc (Linux): PostgreSQL's backends and auxiliary processes. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may contain spaces, so read after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

async function waitGone(pids: number[], ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (pids.some(alive)) {
    if (Date.now() > deadline) throw new Error(`processes still alive after SIGKILL: ${pids.filter(alive).join(',')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startCluster(opts: { dataDir: string; durabilityOff?: boolean }): Promise<Cluster> {
  let db: Awaited<ReturnType<typeof startEmbeddedDb>> | undefined;
  let port = 0;
  for (let attempt = 0; !db; attempt++) {
    port = 30000 + Math.floor(Math.random() * 9000);
    try {
      db = await startEmbeddedDb({ dataDir: opts.dataDir, port, quiet: true });
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  if (opts.durabilityOff) {
    // the negative proof (run by hand): a commit is acknowledged before its WAL reaches the
    // kernel; the WAL writer writes it out every wal_writer_delay (200 ms by default)
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('ALTER SYSTEM SET synchronous_commit = off');
    // the why, by hand: the shorter the WAL writer's delay, the fewer acknowledged commits are
    // still only in shared memory when the processes die (e.g. CRASH_WAL_WRITER_DELAY=10ms)
    if (process.env.CRASH_WAL_WRITER_DELAY) await c.query(`ALTER SYSTEM SET wal_writer_delay = '${process.env.CRASH_WAL_WRITER_DELAY.replace(/[^0-9a-z]/g, '')}'`);
    await c.query('SELECT pg_reload_conf()');
    await c.end();
  }
  const pidFile = path.join(opts.dataDir, 'pg', 'postmaster.pid');
  const cluster: Cluster = {
    url: db.url,
    port,
    dataDir: opts.dataDir,
    async kill() {
      const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      const children = childrenOf(postmaster);
      // the postmaster first, so it cannot notice a dead child and start its own crash
      // recovery; then all it started, at once
      process.kill(postmaster, 'SIGKILL');
      for (const pid of children) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      // a child forked between the scan and the kill (a new backend) dies with its parent's
      // death check or here
      const late = childrenOf(postmaster);
      for (const pid of late) process.kill(pid, 'SIGKILL');
      await waitGone([postmaster, ...children, ...late]);
    },
    async restart() {
      db = await startEmbeddedDb({ dataDir: opts.dataDir, port, quiet: true });
    },
    async stop() {
      await db?.stop().catch(() => undefined);
    },
  };
  return cluster;
}

export interface Server {
  url: string;
  child: ChildProcess;
  output(): string;
  kill(): Promise<void>;
}

/** `gongzhi start` on the cluster (no demo city: the harness writes its own world first). */
export async function startServer(opts: { databaseUrl: string; dataDir: string; port?: number }): Promise<Server> {
  for (let attempt = 0; ; attempt++) {
    const port = opts.port ?? 21000 + Math.floor(Math.random() * 8000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'start'], {
      cwd: ROOT,
      env: {
        ...process.env, DATABASE_URL: opts.databaseUrl, PORT: String(port), HOST: '127.0.0.1', GONGZHI_DATA_DIR: opts.dataDir,
        GONGZHI_DEMO: '0', LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
    child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    while (child.exitCode === null && Date.now() < deadline) {
      const up = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
      if (up) {
        return {
          url, child, output: () => out,
          async kill() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const gone = new Promise((r) => child.once('exit', r));
            child.kill('SIGKILL');
            await gone;
          },
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    // started together with PostgreSQL's restart (both killed): the database may not be up yet
    const retry = /EADDRINUSE|ECONNREFUSED|starting up|not yet accepting|shutting down/.test(out);
    if (attempt >= 8 || !retry) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
