import type { Role } from '@gongzhi/contracts';
import { postMovement } from '../../../src/modules/funds/ledger-writer.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/meetings/index.ts';
import { withTx } from '../../../src/platform/db.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';
import { bindCaller } from '../meeting-cases/bind-caller.ts';

// Authorisation-matrix cases for the applications routes of the funds module (issue 4, F3).
// Each case makes a fresh application on the target side, applied for by the body the caller's
// role acts for (committee roles: the committee; property roles: their company), so that an
// allowed call is a real 2xx. Its scope is the side's two units, funded well above the budget.

const DAY = 86_400_000;
const COMMITTEE: readonly Role[] = ['committee_member', 'committee_chair', 'committee_secretary'];
const DECLARED = { warranty: true, utility: true, personDamage: true, companyUpkeep: true };

const roleOf = async (a: CaseArgs): Promise<Role> => {
  const r = await a.fx.t.pool.query('SELECT role FROM role_grants WHERE id = $1', [a.me.grantId]);
  return r.rows[0].role as Role;
};
const isCompanyRole = (r: Role) => r === 'property_staff' || r === 'property_manager';

/** An application on the target side stored directly in `state` (from submission on, with its
 *  shares frozen); the side's units get money enough for it. */
async function applicationIn(a: CaseArgs, state: 'draft' | 'submitted' = 'draft'): Promise<number> {
  const s = a.side;
  const company = isCompanyRole(await roleOf(a));
  return withTx(a.fx.t.pool, async (db) => {
    await postMovement(db, {
      estateId: s.estateId, kind: 'deposit', bookedOn: '2026-01-05', actor: SYSTEM_ACTOR,
      lines: [{ unitId: s.unitId, amountFen: 500_000 }, { unitId: s.unit2Id, amountFen: 500_000 }],
    });
    const r = await db.query(
      `INSERT INTO fund_applications (estate_id, applicant_kind, company_id, title, reason, category, path, scope_kind, scope_unit_ids,
         budget_fen, exclusions_declared, state, submitted_at, created_by)
       VALUES ($1, $2, $3, $4, '电梯主板损坏', 'elevator', 'ordinary', 'units', $5, 100000, $6, $7, $8, $9) RETURNING id`,
      [s.estateId, company ? 'company' : 'committee', company ? s.companyId : null, `${s.marker}电梯维修`,
        [s.unitId, s.unit2Id], JSON.stringify(DECLARED), state, state === 'draft' ? null : new Date(), a.fx.login.id],
    );
    const id = Number(r.rows[0].id);
    if (state !== 'draft') {
      await db.query(
        `INSERT INTO fund_application_shares (application_id, unit_id, position, area_centi, share_fen, payer)
         SELECT $1, u.id, row_number() OVER (ORDER BY u.number), u.area_centi, 50000, 'owner' FROM units u WHERE u.id = ANY($2::bigint[])`,
        [id, [s.unitId, s.unit2Id]],
      );
    }
    return id;
  });
}

async function createBody(a: CaseArgs) {
  const company = isCompanyRole(await roleOf(a));
  return {
    applicantKind: company ? 'company' : 'committee', title: `${a.side.marker}屋面防水`, category: 'roof',
    scopeKind: 'units', unitIds: [a.side.unitId, a.side.unit2Id], budgetFen: 200_000, exclusions: DECLARED,
  };
}

export const APPLICATIONS_CASES: Record<string, RouteCase> = {
  'POST /estates/:id/fund/applications': {
    scope: 'estate', build: async (a) => ({ url: `/estates/${a.side.estateId}/fund/applications`, body: await createBody(a) }),
  },
  'POST /estates/:id/fund/apportion-preview': {
    scope: 'estate', shows: 'target',
    build: (a) => ({
      url: `/estates/${a.side.estateId}/fund/apportion-preview`,
      body: { scopeKind: 'buildings', buildingIds: [a.side.buildingId], budgetFen: 100_001 },
    }),
  },
  'GET /fund/applications': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await applicationIn(a); return { url: `/fund/applications?estateId=${a.side.estateId}` }; },
  },
  'GET /fund/applications.xlsx': {
    scope: 'estate', list: true,
    build: async (a) => { await applicationIn(a); return { url: `/fund/applications.xlsx?estateId=${a.side.estateId}` }; },
  },
  'GET /fund/applications/:id': {
    scope: 'estate', shows: 'target', build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'submitted')}` }),
  },
  'PATCH /fund/applications/:id': {
    scope: 'estate', build: async (a) => ({ url: `/fund/applications/${await applicationIn(a)}`, body: { budgetFen: 120_000 } }),
  },
  'GET /fund/applications/:id/shares': {
    scope: 'estate', shows: 'target', build: async (a) => ({ url: `/fund/applications/${await applicationIn(a)}/shares` }),
  },
  'POST /fund/applications/:id/submit': {
    scope: 'estate', build: async (a) => ({ url: `/fund/applications/${await applicationIn(a)}/submit` }),
  },
  'POST /fund/applications/:id/cancel': {
    scope: 'estate', build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'submitted')}/cancel`, body: { reason: '重新询价' } }),
  },
  // putting a use to the owners' vote is the committee's (the company staff hold fund.apply too)
  'POST /fund/applications/:id/put-to-vote': {
    scope: 'estate', roles: COMMITTEE,
    build: async (a) => ({
      url: `/fund/applications/${await applicationIn(a, 'submitted')}/put-to-vote`,
      body: {
        newMeeting: {
          title: `${a.side.marker}业主大会（维修资金）`,
          votingOpensAt: new Date(Date.now() + 20 * DAY).toISOString(), votingClosesAt: new Date(Date.now() + 27 * DAY).toISOString(),
        },
      },
    }),
  },
  // the owner's side: what it shows depends on the caller's approved binding (own side only)
  'GET /my/fund/applications': {
    scope: 'self', list: true, shows: 'target',
    build: async (a) => { await applicationIn(a, 'submitted'); await bindCaller(a); return { url: '/my/fund/applications' }; },
  },
  'GET /my/fund/applications/:id': {
    scope: 'self', shows: 'target',
    build: async (a) => { const id = await applicationIn(a, 'submitted'); await bindCaller(a); return { url: `/my/fund/applications/${id}` }; },
  },
};
