import type { ImportIssue, RosterImportResult } from '@gongzhi/contracts';
import { validateRosterRows } from '@gongzhi/domain';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import { idNumberHmac, type Secrets } from '../../platform/crypto.ts';
import { withTx, type Db, type Pool } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { commitRosterPlan } from './commit-roster-import.ts';
import { planRosterImport } from './plan-roster-import.ts';
import { readFirstSheet } from './read-workbook.ts';
import { findOwners, loadRosterState } from './roster-repo.ts';
import { HEADER_OF, parseSheet, ROSTER_VOCABULARY, sortIssues } from './roster-sheet.ts';

/** At most this many issues go back to the client; `total` says how many there were. */
export const ISSUE_CAP = 5000;

export interface ImportRosterOptions {
  /** a transaction (the route's), or a pool: then the import opens its own */
  db: Db | Pool;
  secrets: Secrets;
  estateId: number;
  buffer: Buffer;
  dryRun?: boolean;
  actor: AuditActor;
  /** YYYY-MM-DD; defaults to today (UTC+8, the estates' own calendar) */
  today?: string;
}

const isPool = (db: Db | Pool): db is Pool => 'totalCount' in db;

/** China's calendar day: an import at 07:00 Beijing time is dated that day, not the UTC one before. */
export const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Imports a roster workbook into one estate: validates every row, then — only if there is no
 * problem at all — writes units, owners and ownership history in one transaction.
 * Throws IMPORT_INVALID (422) with every issue found; nothing is written then.
 */
const ANALYZE_THRESHOLD = 1000;

export async function importRoster(opts: ImportRosterOptions): Promise<RosterImportResult> {
  if (isPool(opts.db)) return withTx(opts.db, (db) => importRoster({ ...opts, db }));
  const db = opts.db;
  const today = opts.today ?? chinaToday();
  const sheet = parseSheet(await readFirstSheet(opts.buffer));

  // one import per estate at a time: the plan is computed from the state it will change
  await db.query('SELECT pg_advisory_xact_lock(7261005, $1::int)', [opts.estateId]);
  const state = await loadRosterState(db, opts.estateId);
  if (!state) throw notFound('小区');
  const issues: ImportIssue[] = [...sheet.issues];
  if (!sheet.headerOk) fail(issues);

  const checked = validateRosterRows(sheet.rows, {
    vocabulary: ROSTER_VOCABULARY,
    buildings: new Set(state.buildings.keys()),
    developer: state.developer && { name: state.developer.name, creditCode: state.developer.creditCode },
    today,
  });
  for (const i of checked.issues) {
    if (i.field === 'idNumber' && sheet.numericIdRows.has(i.row)) continue; // already told why
    issues.push({ row: i.row, column: HEADER_OF[i.field], reason: i.reason });
  }

  const hmacOf = new Map<string, string>();
  const codes = new Set<string>();
  for (const row of checked.rows) {
    for (const o of row.owners) {
      if (!o.idNumber) continue;
      if (row.ownerKind === 'person') {
        if (!hmacOf.has(o.idNumber)) hmacOf.set(o.idNumber, idNumberHmac(opts.secrets, o.idNumber));
      } else codes.add(o.idNumber);
    }
  }
  const found = await findOwners(db, [...new Set(hmacOf.values())], [...codes]);
  const { issues: planIssues, plan } = planRosterImport({ rows: checked.rows, state, hmacOf, found, today });
  issues.push(...planIssues);
  if (issues.length > 0) fail(issues);

  if (!opts.dryRun) {
    await commitRosterPlan(db, opts.secrets, opts.estateId, plan);
    // a large import changes the tables' shape: refresh the planner's statistics with it
    if (checked.rows.length >= ANALYZE_THRESHOLD) await db.query('ANALYZE units, owners, ownerships');
    await appendAudit(db, opts.actor, {
      action: 'roster.import',
      targetType: 'estate',
      targetId: opts.estateId,
      estateId: opts.estateId,
      summary: { ...plan.counts },
    });
  }
  return { dryRun: Boolean(opts.dryRun), counts: plan.counts };
}

function fail(issues: ImportIssue[]): never {
  const sorted = sortIssues(issues);
  throw new AppError('IMPORT_INVALID', {
    message: `导入文件有 ${sorted.length} 处错误，未导入任何数据；请按行号修改后重新导入`,
    details: { issues: sorted.slice(0, ISSUE_CAP), total: sorted.length },
  });
}
