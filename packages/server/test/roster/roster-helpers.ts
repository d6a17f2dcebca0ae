import { ROSTER_COLUMNS, type RosterColumnKey } from '@gongzhi/contracts';
import { creditCodeCheckChar, idNumberCheckChar } from '@gongzhi/domain';
import ExcelJS from 'exceljs';
import type { Pool } from '../../src/platform/db.ts';
import { createBuilding, createEstate, createOrganisationOwner, createRegionTree } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import type { TestApp } from '../support/test-app.ts';

// Workbooks and uploads for the roster tests, built with exceljs as a person's spreadsheet would be.

export type RosterRowInput = Partial<Record<RosterColumnKey, string | number | Date | null>>;

/** An .xlsx roster: our headers (or `header` to test bad ones), then one row per object. */
export async function rosterXlsx(rows: RosterRowInput[], header: string[] = ROSTER_COLUMNS.map((c) => c.header)): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('业主名册');
  ws.addRow(header);
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as never);
  return wb;
}


export function uploadRoster(t: TestApp, opts: { estateId: number; cookie?: string; buffer: Buffer; filename?: string; dryRun?: boolean; mime?: string }) {
  const { payload, headers } = multipart({}, {
    name: opts.filename ?? 'roster.xlsx',
    type: opts.mime ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data: opts.buffer,
  });
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/estates/${opts.estateId}/roster/import${opts.dryRun ? '?dryRun=1' : ''}`,
    payload,
    headers: { ...headers, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
  });
}

/** A valid ID number (correct check digit) from a 17-digit body. */
export const validId = (body17: string) => body17 + idNumberCheckChar(body17);
export const validCreditCode = (body17: string) => body17 + creditCodeCheckChar(body17);

export const DEVELOPER = { name: '示例置业有限公司', creditCode: validCreditCode('91350100M000100Y4') };

/** An estate with buildings 1栋 and 2栋 and a developer, in a fresh region branch. */
export async function rosterEstate(pool: Pool) {
  const tree = await createRegionTree(pool);
  const estateId = await createEstate(pool, { communityId: tree.communityId, name: '阳光花园' });
  await createBuilding(pool, { estateId, name: '1栋' });
  await createBuilding(pool, { estateId, name: '2栋' });
  // one developer per database (its credit code is unique), shared by the file's estates
  const dev = await pool.query('SELECT id FROM owners WHERE credit_code = $1', [DEVELOPER.creditCode]);
  const developerId = dev.rows.length
    ? Number(dev.rows[0].id)
    : await createOrganisationOwner(pool, { name: DEVELOPER.name, creditCode: DEVELOPER.creditCode, isDeveloper: true });
  await pool.query('UPDATE estates SET developer_id = $2 WHERE id = $1', [estateId, developerId]);
  return { ...tree, estateId, developerId };
}

export async function countRows(pool: Pool): Promise<Record<string, number>> {
  const r = await pool.query(
    `SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM owners) AS owners,
            (SELECT count(*) FROM ownerships) AS ownerships, (SELECT count(*) FROM audit_events) AS audit`,
  );
  return r.rows[0];
}
