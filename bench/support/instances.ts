import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLoadBalancer, type LoadBalancer } from './load-balancer.ts';
import { spawnPlatform, type Platform } from './spawn-platform.ts';

// Several real `gongzhi start` processes on ONE PostgreSQL behind the round-robin balancer, as
// docs/OPERATIONS.md describes production: what the instances share is the database (sessions,
// jobs, everything), the master key (GONGZHI_SECRET_KEY: an ID number sealed by one instance must
// open on the other) and the data directory's attachments (a shared volume in production). Each
// has its own GONGZHI_INSTANCE_ID, so jobs.ran_by tells which one ran a job.

export interface Instances {
  platforms: Platform[];
  /** the instances' own URLs, to pin a request to one of them */
  urls: string[];
  lb: LoadBalancer;
  instanceIds: string[];
  dataDir: string;
  stop(): Promise<void>;
}

export async function startInstances(opts: {
  databaseUrl: string;
  count: number;
  /** 64 hex chars; default a fresh random key (then the database must not hold sealed data yet) */
  secretKey?: string;
  /** shared attachments directory; default a fresh temp dir, removed on stop */
  dataDir?: string;
  env?: Record<string, string>;
  idPrefix?: string;
}): Promise<Instances> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gz-instances-'));
  fs.chmodSync(dataDir, 0o777);
  const secretKey = opts.secretKey ?? crypto.randomBytes(32).toString('hex');
  const instanceIds = Array.from({ length: opts.count }, (_, i) => `${opts.idPrefix ?? 'instance'}-${i + 1}`);
  const platforms: Platform[] = [];
  const stopAll = async () => {
    for (const p of platforms) await stopOne(p);
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // started together, as a deploy would: migrations and the start-up job scheduling of two
    // servers racing on one database is part of what is exercised
    const started = await Promise.all(instanceIds.map((id) => startOne(id, opts.databaseUrl, dataDir, secretKey, opts.env ?? {})));
    platforms.push(...started);
  } catch (e) {
    await stopAll();
    throw e;
  }
  const urls = platforms.map((p) => p.url);
  const lb = await startLoadBalancer({ upstreams: urls });
  return {
    platforms, urls, lb, instanceIds, dataDir,
    async stop() {
      await lb.stop();
      await stopAll();
    },
  };
}

async function startOne(id: string, databaseUrl: string, dataDir: string, secretKey: string, env: Record<string, string>): Promise<Platform> {
  for (let attempt = 0; ; attempt++) {
    const port = 24000 + Math.floor(Math.random() * 6000);
    try {
      const p = await spawnPlatform({
        port,
        timeoutMs: 120_000,
        env: {
          DATABASE_URL: databaseUrl, HOST: '127.0.0.1', GONGZHI_DEMO: '0', GONGZHI_SECRET_KEY: secretKey,
          GONGZHI_INSTANCE_ID: id, GONGZHI_TRUST_PROXY: '1', GONGZHI_DATA_DIR: dataDir, ...env,
        },
      });
      // spawnPlatform made a temp dir of its own that this instance does not use
      fs.rmSync(p.dataDir, { recursive: true, force: true });
      return { ...p, dataDir, stop: () => stopOne(p) };
    } catch (e) {
      if (attempt >= 2 || !/EADDRINUSE/.test(String(e))) throw e;
    }
  }
}

/** SIGINT and wait; the shared data dir is left alone (spawnPlatform's own stop would delete its temp dir). */
async function stopOne(p: Platform): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    const exited = new Promise((r) => p.child.once('exit', r));
    p.child.kill('SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  }
}
