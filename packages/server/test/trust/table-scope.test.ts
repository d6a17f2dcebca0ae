import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// why: scaling out on a distributed PostgreSQL (Citus-like, docs/OPERATIONS.md) shards the data by
// estate, so every table must say which estate or region it belongs to, or be a named exception
// with its reason and the way it would be placed. This lists, from information_schema of the
// fully migrated schema, every table WITHOUT an estate or region column (SCOPE_COLUMNS) and
// compares it with the allow-list below: a new table missing the column fails here until it gets
// one or an entry saying why not. For a child table the stated path to its estate is checked
// against the real foreign keys, so an entry cannot claim a link that does not exist.

type Placement =
  /** small, read everywhere: a copy on every node (Citus reference table) */
  | { kind: 'reference'; why: string }
  /** belongs to a person or account, not to one estate: distributed by that id */
  | { kind: 'per-account' | 'per-person'; why: string }
  /** platform machinery, not estate data: kept on the coordinator */
  | { kind: 'platform'; why: string }
  /** an estate's data reached through foreign keys: each hop `column → table`, the last table has estate_id */
  | { kind: 'child'; via: [column: string, table: string][]; why: string };

// community_id: an estate's community (estates); city_region_id: a city's rules (fund, disclosure)
const SCOPE_COLUMNS = ['estate_id', 'region_id', 'community_id', 'city_region_id'];

export const TABLES_WITHOUT_SCOPE: Record<string, Placement> = {
  regions: { kind: 'reference', why: 'the administrative tree itself (city > district > street > community); small' },
  companies: { kind: 'reference', why: 'property companies and developers serve many estates; small' },
  registry_version: { kind: 'reference', why: 'one row: the version counter of the registry read cache' },
  schema_migrations: { kind: 'platform', why: 'which migrations ran' },
  jobs: { kind: 'platform', why: 'the durable job queue (claimed with SKIP LOCKED); a job names its estate in its payload' },
  domain_events: { kind: 'platform', why: 'the outbox between modules' },
  accounts: { kind: 'per-account', why: 'a person signs in once and may act in several estates' },
  sessions: { kind: 'per-account', why: 'a sign-in of an account' },
  one_time_codes: { kind: 'per-account', why: 'codes sent to a phone / account' },
  notifications: { kind: 'per-account', why: 'messages to an account' },
  idempotent_requests: { kind: 'per-account', why: 'replay store keyed by (account, key)' },
  role_grants: { kind: 'per-account', why: 'an account’s roles; scope_kind/scope_id name the estate or region of each grant' },
  owners: { kind: 'per-person', why: 'one owner (person or company) may own units in several estates; the encrypted ID number lives once' },
  ballots: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s ballots' },
  ballot_requests: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s ballot idempotency keys' },
  meeting_items: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s agenda' },
  meeting_item_results: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s tallies and Merkle roots' },
  meeting_paper_sheets: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s paper ballots' },
  meeting_proxies: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s proxies' },
  meeting_reminders: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s reminders' },
  meeting_roster_units: { kind: 'child', via: [['meeting_id', 'meetings']], why: 'a meeting’s frozen roster' },
  meeting_candidates: { kind: 'child', via: [['item_id', 'meeting_items'], ['meeting_id', 'meetings']], why: 'an election item’s candidates' },
  case_department_calls: { kind: 'child', via: [['case_id', 'cases']], why: 'a case’s department calls' },
  case_escalations: { kind: 'child', via: [['case_id', 'cases']], why: 'a case’s escalations' },
  case_events: { kind: 'child', via: [['case_id', 'cases']], why: 'a case’s timeline' },
  case_followers: { kind: 'child', via: [['case_id', 'cases']], why: 'a case’s followers' },
  committee_members: { kind: 'child', via: [['committee_id', 'committees']], why: 'a committee’s members' },
  fund_application_confirmations: { kind: 'child', via: [['application_id', 'fund_applications']], why: 'an application’s confirmations' },
  fund_application_shares: { kind: 'child', via: [['application_id', 'fund_applications']], why: 'an application’s per-unit shares' },
  notice_recipients: { kind: 'child', via: [['notice_id', 'notices']], why: 'a notice’s recipients and read receipts' },
  revenue_statement_shares: { kind: 'child', via: [['statement_id', 'revenue_statements']], why: 'a statement’s per-unit shares' },
};

describe('schema scope for a distributed PostgreSQL', () => {
  let t: TestApp;
  let columns: Map<string, Set<string>>;
  beforeAll(async () => {
    t = await createTestApp();
    const r = await t.pool.query(`SELECT c.table_name, c.column_name FROM information_schema.columns c
      JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'`);
    columns = new Map();
    for (const row of r.rows) {
      if (!columns.has(row.table_name)) columns.set(row.table_name, new Set());
      columns.get(row.table_name)!.add(row.column_name);
    }
  });

  it('every table carries its estate or region, or is on the allow-list with its reason', () => {
    const without = [...columns].filter(([, cols]) => !SCOPE_COLUMNS.some((c) => cols.has(c))).map(([name]) => name).sort();
    console.log(JSON.stringify({ tables: columns.size, withScope: columns.size - without.length, withoutScope: without }));
    const unlisted = without.filter((name) => !(name in TABLES_WITHOUT_SCOPE));
    expect(unlisted, 'tables with no estate_id/region_id: add the column, or an entry to TABLES_WITHOUT_SCOPE saying why').toEqual([]);
    // entries must not outlive their table, nor excuse a table that has the column
    expect(Object.keys(TABLES_WITHOUT_SCOPE).filter((name) => !without.includes(name)).sort()).toEqual([]);
  });

  it('each child table reaches an estate through real foreign keys', async () => {
    const fks = await t.pool.query(`SELECT src.relname AS from_table, a.attname AS from_column, dst.relname AS to_table
      FROM pg_constraint k JOIN pg_class src ON src.oid = k.conrelid JOIN pg_class dst ON dst.oid = k.confrelid
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      WHERE k.contype = 'f' AND array_length(k.conkey, 1) = 1`);
    const has = (from: string, col: string, to: string) => fks.rows.some((f) => f.from_table === from && f.from_column === col && f.to_table === to);
    const broken: string[] = [];
    for (const [name, p] of Object.entries(TABLES_WITHOUT_SCOPE)) {
      if (p.kind !== 'child') continue;
      let at = name;
      for (const [col, to] of p.via) {
        if (!has(at, col, to)) broken.push(`${at}.${col} → ${to}`);
        at = to;
      }
      if (!columns.get(at)?.has('estate_id')) broken.push(`${name}: ${at} has no estate_id`);
    }
    expect(broken).toEqual([]);
  });
});
