import type { Role } from '@gongzhi/contracts';
import { seedApplication } from '../../funds/review-support.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the review routes of the funds module (issue 4, F4). Each case
// makes a fresh application on the target side in the state its step starts from, so that an
// allowed call is a real 2xx. The committee gives the first emergency confirmation, the street
// office or the community the second, although all of them hold fund.confirm.

const COMMITTEE: Role[] = ['committee_member', 'committee_chair', 'committee_secretary'];
const STREET: Role[] = ['street_officer', 'community_officer'];

function applicationIn(a: CaseArgs, state: string, path: 'ordinary' | 'emergency' = 'emergency'): Promise<number> {
  const s = a.side;
  return seedApplication(a.fx.t, {
    estateId: s.estateId, createdBy: a.fx.login.id, state, path, unitIds: [s.unitId], title: `${s.marker}电梯困人应急维修`,
    ...(state === 'under_review' ? { reviewStartedOn: '2026-11-02', reviewDueOn: '2026-11-09' } : {}),
  });
}

export const REVIEW_CASES: Record<string, RouteCase> = {
  'POST /fund/applications/:id/committee-confirm': {
    scope: 'estate', roles: COMMITTEE,
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'submitted')}/committee-confirm`, body: { note: '已核实' } }),
    check: (res) => (res.json().state === 'committee_confirmed' ? null : `state ${res.json().state}`),
  },
  'POST /fund/applications/:id/street-confirm': {
    scope: 'estate', roles: STREET,
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'committee_confirmed')}/street-confirm`, body: {} }),
    check: (res) => (res.json().state === 'under_review' && res.json().reviewDueOn ? null : `state ${res.json().state}`),
  },
  'POST /fund/applications/:id/refuse-emergency': {
    scope: 'estate',
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'submitted')}/refuse-emergency`, body: { reason: '不属于应急情形' } }),
    check: (res) => (res.json().path === 'ordinary' ? null : `path ${res.json().path}`),
  },
  // both queues' states on the side: each confirming role sees what waits for it
  'GET /fund/confirmations': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => {
      await applicationIn(a, 'submitted');
      await applicationIn(a, 'committee_confirmed');
      return { url: '/fund/confirmations' };
    },
  },
  'GET /fund/reviews': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await applicationIn(a, 'under_review'); return { url: `/fund/reviews?estateId=${a.side.estateId}` }; },
  },
  'POST /fund/applications/:id/approve': {
    scope: 'estate',
    build: async (a) => ({ url: `/fund/applications/${await applicationIn(a, 'under_review', 'ordinary')}/approve`, body: {} }),
  },
  'POST /fund/applications/:id/reject': {
    scope: 'estate',
    build: async (a) => ({
      url: `/fund/applications/${await applicationIn(a, 'under_review', 'ordinary')}/reject`, body: { reason: '保修期内', exclusion: 'warranty' },
    }),
  },
  'GET /fund/calendar': { scope: 'none', build: () => ({ url: '/fund/calendar?year=2026' }) },
};
