import type { Pool } from '../../src/platform/db.ts';

// A cheap fingerprint of the database: the row count of every table plus the audit log's count
// and highest seq, in one statement. Compared around runs of refused requests: a refused request
// must change nothing. Row counts do not see an UPDATE, but every mutation here appends an audit
// event in its own transaction, so a mutation that escaped a refusal shows in audit_events.

/** Tables a refused request may legitimately touch: sessions (last seen, a dropped cookie) and
 *  the per-address / per-account throttles (a refused guess is exactly what they count). */
export const UNTRACKED = /^(sessions|one_time_codes|.*throttle.*|.*attempt.*|schema_migrations|pgmigrations)$/;

/** Audit actions a refused request writes on purpose: a failed sign-in, second factor or binding
 *  code guess is recorded (the lockout and the security record count them). They are left out of
 *  the audit count; every other action appended by a refused request is a failure. */
export const REFUSAL_AUDIT = ['auth.login_failed', 'auth.mfa_failed', 'auth.locked', 'binding.code_failed'];

export interface Fingerprinter {
  tables: string[];
  /** the tables left out (UNTRACKED) */
  untracked: string[];
  take(): Promise<string>;
}

export async function fingerprinter(pool: Pool): Promise<Fingerprinter> {
  const r = await pool.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const all = r.rows.map((x) => String(x.table_name));
  const tables = all.filter((n) => !UNTRACKED.test(n));
  if (!tables.includes('audit_events')) throw new Error('no audit_events table');
  const quiet = REFUSAL_AUDIT.map((a) => `'${a}'`).join(', ');
  const sql = `SELECT ${tables.map((t) => (t === 'audit_events'
    ? `(SELECT count(*) FROM audit_events WHERE action NOT IN (${quiet}))::text`
    : `(SELECT count(*) FROM "${t}")::text`)).join(` || ',' || `)}
    || '|' || coalesce((SELECT max(seq) FROM audit_events WHERE action NOT IN (${quiet}))::text, '-') AS fp`;
  return {
    tables,
    untracked: all.filter((n) => UNTRACKED.test(n)),
    async take() {
      const q = await pool.query(sql);
      return String(q.rows[0].fp);
    },
  };
}

/** The tables whose counts differ between two fingerprints (plus the audit log's highest seq). */
export function diffFingerprints(tables: string[], a: string, b: string): string[] {
  const [ca, ma] = a.split('|');
  const [cb, mb] = b.split('|');
  const xa = ca.split(',');
  const xb = cb.split(',');
  const out = tables.flatMap((t, i) => (xa[i] !== xb[i] ? [`${t} ${xa[i]}→${xb[i]}`] : []));
  if (ma !== mb) out.push(`audit max seq ${ma}→${mb}`);
  return out;
}
