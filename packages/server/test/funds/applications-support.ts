import type { Role } from '@gongzhi/contracts';
import { ensureFundAccounts, postMovement } from '../../src/modules/funds/ledger-writer.ts';
import { SYSTEM_ACTOR } from '../../src/modules/meetings/index.ts';
import { withTx } from '../../src/platform/db.ts';
import { buildEstate, official, type Signed } from '../meetings/support.ts';
import { createCompany, createServiceContract } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import type { TestApp } from '../support/test-app.ts';

// Shared by the use-application tests (F3): the meetings helper's estate (1栋 101–106 owned,
// 2栋 101–103 owned, 104–105 unsold, 106 undelivered; areas 80.00 m² + 1.25 m² per unit in
// order), every unit funded with `perUnitFen`, its serving company with a property staff
// account, a committee chair (the meetings helper's convener) and a street officer.

export const DECLARED = { warranty: true, utility: true, personDamage: true, companyUpkeep: true };

export async function fundEstate(t: TestApp, perUnitFen = 100_000) {
  const e = await buildEstate(t);
  await withTx(t.pool, async (db) => {
    await ensureFundAccounts(db, e.estateId);
    await postMovement(db, {
      estateId: e.estateId, kind: 'deposit', bookedOn: '2025-06-30', actor: SYSTEM_ACTOR,
      lines: e.units.map((u) => ({ unitId: u.id, amountFen: perUnitFen })),
    });
  });
  const companyId = await createCompany(t.pool, { name: `物业公司${e.estateId}` });
  await createServiceContract(t.pool, { companyId, estateId: e.estateId });
  const staff = await official(t, 'property_staff', companyId);
  const unit = (key: string) => {
    const [b, n] = key.split('-');
    const u = e.units.find((x) => x.building === b && x.number === n);
    if (!u) throw new Error(`no unit ${key}`);
    return u.id;
  };
  return { ...e, companyId, staff, unit, b1: e.buildingIds[0]!, b2: e.buildingIds[1]! };
}
export type FundEstate = Awaited<ReturnType<typeof fundEstate>>;

export const api = (t: TestApp, method: string, url: string, who: Signed, body?: unknown) =>
  t.request({ method, url: `/api/v1${url}`, cookie: who.cookie, body });

export function draftBody(over: Record<string, unknown> = {}) {
  return {
    applicantKind: 'committee', title: '1栋电梯主板更换', reason: '电梯频繁停梯，维保单位检测主板损坏', category: 'elevator',
    scopeKind: 'units', unitIds: [], budgetFen: 120_000, exclusions: DECLARED, contractorName: '某电梯工程有限公司',
    contractorAccount: '6222 0000 1111', ...over,
  };
}

/** Creates a draft through the API; throws on anything but 200. */
export async function createDraft(t: TestApp, e: FundEstate, who: Signed, over: Record<string, unknown> = {}): Promise<number> {
  const res = await api(t, 'POST', `/estates/${e.estateId}/fund/applications`, who, draftBody({ buildingIds: [e.b1], scopeKind: 'buildings', ...over }));
  if (res.statusCode !== 200) throw new Error(`create failed ${res.statusCode}: ${res.body}`);
  return res.json().id;
}

export async function appRow(t: TestApp, id: number) {
  return (await t.pool.query(`SELECT * FROM fund_applications WHERE id = $1`, [id])).rows[0];
}

export async function sharesOf(t: TestApp, id: number) {
  const r = await t.pool.query(
    `SELECT s.unit_id, s.position, s.area_centi, s.share_fen::int AS share_fen, s.payer FROM fund_application_shares s
      WHERE s.application_id = $1 ORDER BY s.position`,
    [id],
  );
  return r.rows;
}

export async function auditCount(t: TestApp, id: number, action: string): Promise<number> {
  const r = await t.pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE target_type = 'fund_application' AND target_id = $1 AND action = $2`, [String(id), action]);
  return r.rows[0].n;
}

export async function upload(t: TestApp, who: Signed, estateId: number, applicationId: number, kind: string) {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const m = multipart({ recordType: `fund_application.${kind}`, recordId: String(applicationId), estateId: String(estateId) }, { name: `${kind}.png`, type: 'image/png', data: png });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
  if (res.statusCode !== 200) throw new Error(`upload failed ${res.statusCode}: ${res.body}`);
  return res.json().id as number;
}

export const signed = (t: TestApp, role: Role, scopeId: number) => official(t, role, scopeId);
