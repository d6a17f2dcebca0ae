import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

// Shared by the multi-instance benchmarks (bench/ballot-cast-instances.ts, bench/mixed-workload.ts):
// the balancer as a process of its own (so its CPU is measured apart from the load driver's and
// it does not share the driver's event loop), and autocannon rounds merged as bench/ballot-cast.ts
// merges them.

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface LbProcess { url: string; pid: number; child: ChildProcess; stop(): void }

export async function spawnLoadBalancer(upstreams: string[]): Promise<LbProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/load-balancer.ts', '0', ...upstreams], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /load balancer on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`load balancer exited with ${code}: ${out}`)));
  });
  return { url, pid: child.pid!, child, stop: () => void child.kill('SIGKILL') };
}

export function runAutocannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Several rounds as one: totals summed, the average rate over the whole time, and the worst
 *  round's latency percentiles (a percentile cannot be merged from percentiles). */
export function mergeRounds(rs: autocannon.Result[]): autocannon.Result {
  const sum = (f: (r: autocannon.Result) => number) => rs.reduce((a, r) => a + f(r), 0);
  const worst = (f: (r: autocannon.Result) => number) => Math.max(...rs.map(f));
  const duration = sum((r) => r.duration);
  return {
    ...rs[0]!,
    duration,
    requests: { ...rs[0]!.requests, total: sum((r) => r.requests.total), average: sum((r) => r.requests.total) / duration },
    latency: { ...rs[0]!.latency, p50: worst((r) => r.latency.p50), p99: worst((r) => r.latency.p99), max: worst((r) => r.latency.max) },
    '2xx': sum((r) => r['2xx']), non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts),
  };
}

export const roundSummary = (r: autocannon.Result) => ({
  requests: r.requests.total,
  reqPerSec: Math.round(r.requests.average),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  maxMs: r.latency.max,
  ok2xx: r['2xx'],
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

/** Where the database's backends are while a phase runs: (wait event | statement) of the active
 *  backends, sampled every 50 ms; `top()` gives the most frequent pairs. */
export function activitySampler(pool: { query: (sql: string) => Promise<{ rows: { w: string; q: string }[] }> }) {
  const seen = new Map<string, number>();
  let on = false;
  let done = false;
  const loop = (async () => {
    while (!done) {
      if (on) {
        const r = await pool.query(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'running') AS w, left(regexp_replace(query, '\\s+', ' ', 'g'), 60) AS q
             FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()`,
        ).catch(() => ({ rows: [] }));
        for (const x of r.rows) seen.set(`${x.w} | ${x.q}`, (seen.get(`${x.w} | ${x.q}`) ?? 0) + 1);
      }
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  return {
    resume: () => { on = true; },
    pause: () => { on = false; },
    top: (n = 10) => [...seen].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v} ${k}`),
    clear: () => seen.clear(),
    stop: async () => { done = true; await loop; },
  };
}
