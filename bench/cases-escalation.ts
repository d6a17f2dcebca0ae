// The cases sweeper under a backlog (issue 6): 100,000 running cases whose deadline has passed
// (SQL generate_series over the demo city's estates, bench/support/case-volume.ts: most at the
// company, fewer on the committee and community rungs, some at the street or with departments),
// then the module's own sweepCases, chunk after chunk (≤ 2,000 rows per transaction, as the
// 'cases.sweep' job runs it), until nothing is due. Target: all of them handled in under 60 s.
// Afterwards the database must say the same: every case below the street one rung up with its
// escalation row, its timeline event and its audit event; every case at the street or a
// department with its deadline cleared and one 'deadline' event; the audit chain intact.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPool, loadSecrets, migrate, startEmbeddedDb, verifyAuditChain, withTx } from '@gongzhi/server';
import { sweepCases, SWEEP_CHUNK } from '@gongzhi/server/modules/cases/index.ts';
import { loadDemoCity } from '@gongzhi/server/modules/demo/index.ts';
import { writeCaseVolume } from './support/case-volume.ts';

const DUE = Number(process.env.BENCH_DUE ?? 100_000);
const TARGET_MS = 60_000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-sweep-'));
fs.chmodSync(tmp, 0o777);
const db = await startEmbeddedDb({ dataDir: tmp, port: 55000 + Math.floor(Math.random() * 1000), quiet: true });
const pool = createPool(db.url, 4);
pool.on('error', () => undefined);
let pass = false;
try {
  await migrate(pool);
  let t0 = performance.now();
  await loadDemoCity({ pool, secrets: loadSecrets(tmp, { GONGZHI_SECRET_KEY: crypto.randomBytes(32).toString('hex') }) });
  // the demo's own running cases are not due; only the volume is
  await withTx(pool, (tx) => writeCaseVolume(tx, { total: DUE, mode: 'due' }));
  await pool.query('VACUUM ANALYZE');
  const setupSeconds = (performance.now() - t0) / 1000;
  const before = (await pool.query(
    `SELECT count(*) FILTER (WHERE level NOT IN ('street', 'department'))::int AS below, count(*) FILTER (WHERE level IN ('street', 'department'))::int AS top
       FROM cases WHERE next_due_at <= now()`,
  )).rows[0];
  const auditBefore = Number((await pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n);

  const now = new Date();
  const total = { escalated: 0, flagged: 0, autoClosed: 0, departmentOverdue: 0 };
  const chunkMs: number[] = [];
  t0 = performance.now();
  for (;;) {
    const s = performance.now();
    const r = await withTx(pool, (tx) => sweepCases(tx, { now, limit: SWEEP_CHUNK }));
    chunkMs.push(performance.now() - s);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
    if (r.escalated + r.flagged + r.autoClosed + r.departmentOverdue === 0) break;
  }
  const ms = Math.round(performance.now() - t0);

  const after = (await pool.query(
    `SELECT (SELECT count(*)::int FROM cases WHERE next_due_at <= $1) AS still_due,
            (SELECT count(*)::int FROM case_escalations WHERE by_kind = 'auto' AND at = $1) AS escalations,
            (SELECT count(*)::int FROM case_events WHERE kind = 'escalated' AND at = $1) AS escalated_events,
            (SELECT count(*)::int FROM case_events WHERE kind = 'deadline' AND at = $1) AS deadline_events,
            (SELECT count(*)::int FROM audit_events) AS audits`,
    [now],
  )).rows[0];
  const chain = await verifyAuditChain(pool);
  const correct = after.still_due === 0 && total.escalated === before.below && total.flagged === before.top
    && after.escalations === before.below && after.escalated_events === before.below && after.deadline_events === before.top
    && after.audits - auditBefore === before.below + before.top && chain.ok;
  pass = ms < TARGET_MS && correct;
  const sorted = [...chunkMs].sort((a, b) => a - b);
  console.log(JSON.stringify({
    benchmark: 'cases-escalation',
    due: before.below + before.top,
    escalated: total.escalated,
    flaggedAtTop: total.flagged,
    ms,
    target: TARGET_MS,
    pass,
    correct,
    casesPerSec: Math.round(((before.below + before.top) * 1000) / ms),
    chunks: { count: chunkMs.length, size: SWEEP_CHUNK, p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)]!), maxMs: Math.round(sorted.at(-1)!) },
    database: { ...after, auditChainOk: chain.ok },
    setupSeconds: Number(setupSeconds.toFixed(1)),
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
  }, null, 2));
} finally {
  await pool.end();
  await db.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(pass ? 0 : 1);
