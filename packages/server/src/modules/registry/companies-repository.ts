import type { CompanyView, ServiceContractView } from '@gongzhi/contracts';
import { one, rows, type Db } from '../../platform/db.ts';
import { containsPattern, offsetOf, Where, type Page, type Paging } from './query-helpers.ts';

// A property company is reached through its service contracts with estates in scope.

export async function listCompanies(db: Db, f: Paging & { estateIds: number[]; q?: string }): Promise<Page<CompanyView>> {
  const w = new Where();
  const scope = w.param(f.estateIds);
  w.add(`EXISTS (SELECT 1 FROM service_contracts sc WHERE sc.company_id = co.id AND sc.estate_id = ANY(${scope}::bigint[]))`);
  if (f.q) {
    const p = w.param(containsPattern(f.q));
    w.add(`(co.name ILIKE ${p} OR co.credit_code ILIKE ${p})`);
  }
  const total = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM companies co ${w.sql()}`, w.params);
  const limit = w.param(f.pageSize);
  const offset = w.param(offsetOf(f));
  const items = await rows<CompanyView>(
    db,
    `SELECT co.id, co.name, co.credit_code AS "creditCode", co.phone,
            (SELECT count(*) FROM service_contracts sc
              WHERE sc.company_id = co.id AND sc.estate_id = ANY(${scope}::bigint[]))::int AS "contractCount"
       FROM companies co ${w.sql()} ORDER BY co.name, co.id LIMIT ${limit} OFFSET ${offset}`,
    w.params,
  );
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export function findCompanyInScope(db: Db, id: number, estateIds: number[]) {
  return one<CompanyView>(
    db,
    `SELECT co.id, co.name, co.credit_code AS "creditCode", co.phone,
            (SELECT count(*) FROM service_contracts sc
              WHERE sc.company_id = co.id AND sc.estate_id = ANY($2::bigint[]))::int AS "contractCount"
       FROM companies co
      WHERE co.id = $1 AND EXISTS (SELECT 1 FROM service_contracts sc
                                    WHERE sc.company_id = co.id AND sc.estate_id = ANY($2::bigint[]))`,
    [id, estateIds],
  );
}

export function findCompanyUnsafe(db: Db, id: number) {
  return one<{ id: number; name: string }>(db, 'SELECT id, name FROM companies WHERE id = $1', [id]);
}

export function findCompanyByCreditCodeUnsafe(db: Db, creditCode: string) {
  return one<{ id: number }>(db, 'SELECT id FROM companies WHERE credit_code = $1', [creditCode]);
}

export async function insertCompany(db: Db, c: { name: string; creditCode: string; phone: string | null }): Promise<number> {
  const r = await one<{ id: number }>(
    db, 'INSERT INTO companies (name, credit_code, phone) VALUES ($1, $2, $3) RETURNING id', [c.name, c.creditCode, c.phone],
  );
  return r!.id;
}

export interface ContractFilter extends Paging {
  estateIds: number[];
  estateId?: number;
  companyId?: number;
  active?: boolean;
}

const CONTRACT_COLUMNS = `sc.id, sc.company_id AS "companyId", co.name AS "companyName", sc.estate_id AS "estateId",
  e.name AS "estateName", sc.starts_on AS "startsOn", sc.ends_on AS "endsOn",
  (sc.starts_on <= current_date AND sc.ends_on >= current_date) AS active`;
const CONTRACT_FROM = `service_contracts sc JOIN companies co ON co.id = sc.company_id JOIN estates e ON e.id = sc.estate_id`;
const ACTIVE = '(sc.starts_on <= current_date AND sc.ends_on >= current_date)';

export async function listContracts(db: Db, f: ContractFilter): Promise<Page<ServiceContractView>> {
  const w = new Where().add('sc.estate_id = ANY(?::bigint[])', f.estateIds);
  if (f.estateId) w.add('sc.estate_id = ?', f.estateId);
  if (f.companyId) w.add('sc.company_id = ?', f.companyId);
  if (f.active === true) w.add(ACTIVE);
  if (f.active === false) w.add(`NOT ${ACTIVE}`);
  const total = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM service_contracts sc ${w.sql()}`, w.params);
  const limit = w.param(f.pageSize);
  const offset = w.param(offsetOf(f));
  const items = await rows<ServiceContractView>(
    db,
    `SELECT ${CONTRACT_COLUMNS} FROM ${CONTRACT_FROM} ${w.sql()}
      ORDER BY sc.starts_on DESC, sc.id DESC LIMIT ${limit} OFFSET ${offset}`,
    w.params,
  );
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export async function listContractsOf(db: Db, f: { estateIds: number[]; estateId?: number; companyId?: number }) {
  const page = await listContracts(db, { ...f, page: 1, pageSize: 1000 });
  return page.items;
}

export function findContractUnsafe(db: Db, id: number) {
  return one<ServiceContractView>(db, `SELECT ${CONTRACT_COLUMNS} FROM ${CONTRACT_FROM} WHERE sc.id = $1`, [id]);
}

export async function insertContract(
  db: Db,
  c: { companyId: number; estateId: number; startsOn: string; endsOn: string },
): Promise<number> {
  const r = await one<{ id: number }>(
    db,
    'INSERT INTO service_contracts (company_id, estate_id, starts_on, ends_on) VALUES ($1, $2, $3, $4) RETURNING id',
    [c.companyId, c.estateId, c.startsOn, c.endsOn],
  );
  return r!.id;
}
