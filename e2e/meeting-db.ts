import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// Direct SQL on the e2e platform's embedded PostgreSQL, for what a browser cannot do: move a
// meeting's stored times into the past so its durable jobs (open voting, close + tally) run now,
// as test/meetings/support.ts does for the integration tests. The data directory is found by the
// port its PostgreSQL listens on (playwright.config: E2E_PORT + 51000), since the config's
// directory name has a timestamp each process computes anew.

const PORT = Number(process.env.E2E_PORT ?? 3107);
const PG_PORT = PORT + 51_000;

function findDataDir(): string {
  const root = '.tmp';
  for (const d of fs.readdirSync(root).filter((n) => n.startsWith('e2e-data-')).sort().reverse()) {
    const pid = path.join(root, d, 'pg', 'postmaster.pid');
    if (!fs.existsSync(pid)) continue;
    const lines = fs.readFileSync(pid, 'utf8').split('\n');
    if (Number(lines[3]) === PG_PORT) return path.join(root, d);
  }
  throw new Error(`no running e2e PostgreSQL on port ${PG_PORT}`);
}

export async function withDb<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const dir = findDataDir();
  const password = fs.readFileSync(path.join(dir, 'pg-password'), 'utf8').trim();
  const db = new pg.Client({ host: '127.0.0.1', port: PG_PORT, user: 'gongzhi', password, database: 'gongzhi' });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** Heads of the estate's roster today, as the street office's approval check counts them. */
export async function estateByName(name: string): Promise<{ id: number }> {
  return withDb(async (db) => {
    const r = await db.query('SELECT id FROM estates WHERE name = $1 ORDER BY id LIMIT 1', [name]);
    return { id: Number(r.rows[0].id) };
  });
}

/** Voting opens now: the meeting's opening moves into the past and its job runs at the next poll. */
export async function openVotingNow(meetingId: number): Promise<void> {
  await withDb(async (db) => {
    await db.query(`UPDATE meetings SET voting_opens_at = now() - interval '1 minute' WHERE id = $1`, [meetingId]);
    await db.query(
      `UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.open_voting' AND status = 'pending' AND payload->>'meetingId' = $1`,
      [String(meetingId)],
    );
  });
}

/** Voting closes now: 'meeting.close' closes the meeting and enqueues the tally. */
export async function closeVotingNow(meetingId: number): Promise<void> {
  await withDb(async (db) => {
    await db.query(
      `UPDATE meetings SET voting_opens_at = LEAST(voting_opens_at, now() - interval '2 minutes'), voting_closes_at = now() - interval '1 second' WHERE id = $1`,
      [meetingId],
    );
    await db.query(
      `UPDATE jobs SET run_at = now() - interval '1 second' WHERE kind = 'meeting.close' AND status = 'pending' AND payload->>'meetingId' = $1`,
      [String(meetingId)],
    );
  });
}

/** The number of heads the approval check compares the declared household count with. */
export async function rosterHeads(estateName: string): Promise<number> {
  const { rosterHouseholdCount } = await import('@gongzhi/server/modules/meetings/freeze-roster.ts');
  return withDb(async (db) => {
    const r = await db.query('SELECT id FROM estates WHERE name = $1 ORDER BY id LIMIT 1', [estateName]);
    return rosterHouseholdCount(db as never, Number(r.rows[0].id));
  });
}

export async function meetingState(meetingId: number): Promise<string> {
  return withDb(async (db) => String((await db.query('SELECT state FROM meetings WHERE id = $1', [meetingId])).rows[0].state));
}
