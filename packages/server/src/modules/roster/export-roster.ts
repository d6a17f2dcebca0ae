import { maskPhone } from '@gongzhi/domain';
import {
  AREA_SOURCE_LABELS, OWNER_KIND_LABELS, UNIT_KIND_LABELS, UNIT_STATUS_LABELS,
} from '@gongzhi/contracts';
import { maskIdNumber } from '../../platform/crypto.ts';
import type { Db, Pool } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { bufferedWorkbookWriter, FROZEN_HEADER, ROSTER_SHEET_NAME, rosterColumns, styleHeader } from './roster-workbook.ts';

// The estate's roster as it stands: one row per unit with its current owners, in the very
// columns the import reads. ID numbers are masked (last four only), phones too (138****1234);
// re-importing this file changes nothing, because a masked ID means "the existing owner with
// this name" and a masked phone "the phone that owner has".

export interface ExportRosterOptions {
  db: Db | Pool;
  estateId: number;
}

const PAGE = 20_000;

export async function exportRoster({ db, estateId }: ExportRosterOptions): Promise<Buffer> {
  const estate = await db.query('SELECT id FROM estates WHERE id = $1', [estateId]);
  if (!estate.rows.length) throw notFound('小区');
  const { wb, done } = bufferedWorkbookWriter();
  const sheet = wb.addWorksheet(ROSTER_SHEET_NAME, FROZEN_HEADER);
  sheet.columns = rosterColumns();
  styleHeader(sheet);
  sheet.getRow(1).commit();

  // keyset paging keeps memory flat on a 100,000-unit estate
  let after: number | null = null;
  for (;;) {
    const r: { rows: ExportRow[] } = await db.query(
      `SELECT u.id, b.name AS building, u.number, u.kind, u.status, u.area_centi, u.area_source, o.*
         FROM units u JOIN buildings b ON b.id = u.building_id
         LEFT JOIN LATERAL (
           SELECT array_agg(w.kind::text ORDER BY s.id) AS kinds, array_agg(w.name ORDER BY s.id) AS names,
                  array_agg(w.id_number_last4 ORDER BY s.id) AS last4s, array_agg(w.credit_code ORDER BY s.id) AS codes,
                  array_agg(w.phone ORDER BY s.id) AS phones, max(s.valid_from) AS since
             FROM ownerships s JOIN owners w ON w.id = s.owner_id
            WHERE s.unit_id = u.id AND s.valid_to IS NULL
         ) o ON true
        WHERE u.estate_id = $1 AND ($2::bigint IS NULL OR u.id > $2)
        ORDER BY u.id LIMIT $3`,
      [estateId, after, PAGE],
    );
    for (const u of r.rows) sheet.addRow(toCells(u)).commit();
    if (r.rows.length < PAGE) break;
    after = Number(r.rows[r.rows.length - 1].id);
  }
  await sheet.commit();
  return done();
}

interface ExportRow {
  id: number;
  building: string;
  number: string;
  kind: keyof typeof UNIT_KIND_LABELS;
  status: keyof typeof UNIT_STATUS_LABELS;
  area_centi: number;
  area_source: keyof typeof AREA_SOURCE_LABELS;
  kinds: (keyof typeof OWNER_KIND_LABELS)[] | null;
  names: string[] | null;
  last4s: (string | null)[] | null;
  codes: (string | null)[] | null;
  phones: (string | null)[] | null;
  since: string | null;
}

function toCells(u: ExportRow): Record<string, string | number> {
  const kinds = u.kinds ?? [];
  const phones = (u.phones ?? []).map((p) => p ?? '');
  return {
    building: u.building,
    unit: u.number,
    kind: UNIT_KIND_LABELS[u.kind],
    status: UNIT_STATUS_LABELS[u.status],
    // centi / 100 is the double nearest the decimal, and its shortest form is that decimal
    area: u.area_centi / 100,
    areaSource: AREA_SOURCE_LABELS[u.area_source],
    ownerKind: kinds.length ? OWNER_KIND_LABELS[kinds[0]] : '',
    ownerName: (u.names ?? []).join('；'),
    // organisations' credit codes are public; persons' ID numbers never leave unmasked
    idNumber: kinds.map((k, i) => (k === 'organisation' ? (u.codes?.[i] ?? '') : maskIdNumber(u.last4s?.[i]))).join('；'),
    phone: phones.some((p) => p !== '') ? phones.map((p) => (p ? maskPhone(p) : '')).join('；') : '',
    since: u.since ?? '',
  };
}
