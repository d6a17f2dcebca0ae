import type { Role } from '@gongzhi/contracts';
import { deposit, fundApplication } from '../../funds/disbursement-fixtures.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disbursement routes of the funds module (issue 4, F5).
// Each case makes a fresh application on the target side over its two units, in the state its
// step starts from, with money in the units' accounts, so that an allowed call is a real 2xx.
// Publication is the applicant's or the committee's: a property role is given an application
// its own company made (the company serving side A).

const COMMITTEE: Role[] = ['committee_member', 'committee_chair', 'committee_secretary'];

const roleOf = async (a: CaseArgs): Promise<Role> => {
  const r = await a.fx.t.pool.query('SELECT role FROM role_grants WHERE id = $1', [a.me.grantId]);
  return r.rows[0].role as Role;
};

async function applicationIn(a: CaseArgs, state: 'approved' | 'accepted' | 'settled'): Promise<number> {
  const s = a.side;
  const pool = a.fx.t.pool;
  await deposit(pool, s.estateId, [{ unitId: s.unitId, amountFen: 1_000_000 }, { unitId: s.unit2Id, amountFen: 1_000_000 }]);
  const company = ['property_staff', 'property_manager'].includes(await roleOf(a));
  return fundApplication(pool, {
    estateId: s.estateId, unitIds: [s.unitId, s.unit2Id], budgetFen: 100_000, createdBy: a.fx.login.id, state,
    title: `${s.marker}更换电梯主板`, applicantKind: company ? 'company' : 'committee', companyId: company ? s.companyId : null,
  });
}

export const DISBURSEMENT_CASES: Record<string, RouteCase> = {
  'GET /fund/applications/:id/stages': {
    scope: 'estate',
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'approved')}/stages` }),
    check: (res) => (res.json().stages.length === 2 && res.json().stages[0].plannedFen === 70_000 ? null : 'stages not as planned'),
  },
  'POST /fund/applications/:id/stages/:stageNo/disburse': {
    scope: 'estate',
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'approved')}/stages/1/disburse`, body: {} }),
    check: (res) => (res.json().amountFen === 70_000 ? null : 'stage 1 not paid in full'),
  },
  'POST /fund/applications/:id/accept': {
    scope: 'estate', roles: COMMITTEE,
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'approved')}/accept`, body: { ownerRepresentatives: ['王业主'] } }),
  },
  'POST /fund/applications/:id/settle': {
    scope: 'estate',
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'accepted')}/settle`, body: { actualCostFen: 95_000 } }),
  },
  'POST /fund/applications/:id/publish': {
    scope: 'estate',
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'settled')}/publish`, body: {} }),
  },
};
