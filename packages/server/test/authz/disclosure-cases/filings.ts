import type { Role } from '@gongzhi/contracts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disclosure module's filings routes (issue 5, D3). Each case
// seeds a fresh filing on the target side, for a period of its own (one draft per estate, party
// and period), of the caller's party where the party matters: the committee roles compile the
// committee's package, the property manager the company's. Packages are filed with the street
// office (no city rule: the default), so only street officers review them; district officers
// hold disclosure.review too and are refused (403) on their own side.

const seeds = new Map<number, number>();
/** A quarter of its own for each seed of an estate (long past: ended, and its start not in the
 *  future; counted per estate, so the four estates' seeds all stay in the past). */
const freshQuarter = (estateId: number) => {
  const n = (seeds.get(estateId) ?? 0) + 1;
  seeds.set(estateId, n);
  return `${1950 + Math.floor(n / 4)}-Q${(n % 4) + 1}`;
};

const COMPLETE = {
  company: {
    feeStandards: [{ item: '物业服务费', basis: '按建筑面积', priceFen: 150, unit: '元/㎡·月' }],
    serviceContract: { companyName: '物业', startsOn: '2020-01-01', endsOn: '2030-12-31', summary: '物业服务合同' },
    contractors: [], notes: '',
  },
  committee: { feeStandards: [], serviceContract: null, contractors: [], notes: '公共收益由业委会管理' },
};

async function partyOf(a: CaseArgs): Promise<'company' | 'committee'> {
  const r = await a.fx.t.pool.query(`SELECT role FROM role_grants WHERE id = $1`, [a.me.grantId]);
  return String(r.rows[0]?.role ?? '').startsWith('committee_') ? 'committee' : 'company';
}

async function seedFiling(a: CaseArgs, o: { state: 'draft' | 'filed'; party?: 'company' | 'committee' }): Promise<number> {
  const s = a.side;
  const party = o.party ?? (await partyOf(a));
  const key = freshQuarter(s.estateId);
  const y = Number(key.slice(0, 4));
  const q = Number(key.slice(-1));
  const start = `${y}-${String(3 * q - 2).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(y, 3 * q, 0)).toISOString().slice(0, 10);
  const r = await a.fx.t.pool.query(
    `INSERT INTO disclosure_filings (estate_id, party, company_id, period_kind, period_key, period_start, period_end, due_on, state, content,
                                     filed_with, filed_with_region_id, filed_at, filed_by, created_by)
     VALUES ($1, $2, $3, 'quarter', $4, $5, $6, $6::date + 30, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
    [s.estateId, party, party === 'company' ? s.companyId : null, key, start, end, o.state, JSON.stringify(COMPLETE[party]),
      o.state === 'filed' ? 'street' : null, o.state === 'filed' ? s.streetId : null, o.state === 'filed' ? new Date() : null,
      a.fx.login.id],
  );
  return Number(r.rows[0].id);
}

const FILERS: Role[] = ['committee_member', 'committee_chair', 'committee_secretary', 'property_manager'];

export const FILINGS_CASES: Record<string, RouteCase> = {
  'GET /disclosure/city-rules': {
    scope: 'estate',
    build: ({ side }) => ({ url: `/disclosure/city-rules?estateId=${side.estateId}` }),
    check: (res) => (res.json().periodKind === 'quarter' ? null : `periodKind ${res.json().periodKind}`),
  },
  // The matrix world has one city (both sides lie in it), so the city's rule is no estate-scoped
  // record: 'none'. Only the city officer and the admin set it; the other registry.write holders
  // (community, street, district officers) are refused 403, for the form's read as for the write. The body is the defaults, so the
  // filing cases (filed with the street office) and question cases (7 days) are unaffected.
  // A city outside the caller's scope (404) is tested in test/disclosure/city-rules.test.ts.
  'GET /disclosure/city-rules/:cityRegionId': {
    scope: 'none', roles: ['city_officer', 'admin'],
    build: ({ fx }) => ({ url: `/disclosure/city-rules/${fx.cityId}` }),
    check: (res, { fx }) => (res.json().cityRegionId === fx.cityId && res.json().fileWith === 'street' ? null : `rules ${res.body.slice(0, 120)}`),
  },
  'PUT /disclosure/city-rules/:cityRegionId': {
    scope: 'none', roles: ['city_officer', 'admin'],
    build: ({ fx }) => ({
      url: `/disclosure/city-rules/${fx.cityId}`,
      body: { periodKind: 'quarter', filingDueDays: 30, fileWith: 'street', answerDays: 7 },
    }),
    check: (res, { fx }) => (res.json().cityRegionId === fx.cityId && res.json().configured === true ? null : `rules ${res.body.slice(0, 120)}`),
  },
  'POST /estates/:id/filings': {
    scope: 'estate', roles: FILERS, shows: 'target',
    build: ({ side }) => ({ url: `/estates/${side.estateId}/filings`, body: { periodKey: freshQuarter(side.estateId) } }),
    check: (res) => (res.json().state === 'draft' && res.json().version === 1 ? null : `state ${res.json().state} v${res.json().version}`),
  },
  'PATCH /filings/:id': {
    scope: 'estate', roles: FILERS, shows: 'target',
    build: async (a) => ({ url: `/filings/${await seedFiling(a, { state: 'draft' })}`, body: { content: COMPLETE[await partyOf(a)] } }),
  },
  'POST /filings/:id/file': {
    scope: 'estate', roles: FILERS,
    build: async (a) => ({ url: `/filings/${await seedFiling(a, { state: 'draft' })}/file` }),
    check: (res) => (res.json().state === 'filed' && res.json().noticeId ? null : `state ${res.json().state}`),
  },
  'POST /filings/:id/acknowledge': {
    scope: 'estate', roles: ['street_officer'],
    build: async (a) => ({ url: `/filings/${await seedFiling(a, { state: 'filed', party: 'company' })}/acknowledge`, body: {} }),
    check: (res) => (res.json().state === 'acknowledged' ? null : `state ${res.json().state}`),
  },
  'POST /filings/:id/return': {
    scope: 'estate', roles: ['street_officer'],
    build: async (a) => ({ url: `/filings/${await seedFiling(a, { state: 'filed', party: 'committee' })}/return`, body: { reason: '材料不全' } }),
    check: (res) => (res.json().state === 'returned' ? null : `state ${res.json().state}`),
  },
  'GET /filings': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await seedFiling(a, { state: 'filed', party: 'company' }); return { url: `/filings?estateId=${a.side.estateId}` }; },
  },
  'GET /filings/:id': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/filings/${await seedFiling(a, { state: 'filed', party: 'committee' })}` }),
  },
  'GET /disclosure/filing-status': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => ({ url: `/disclosure/filing-status?regionId=${a.side.streetId}` }),
  },
  'GET /disclosure/filing-status.xlsx': {
    scope: 'estate', list: true,
    build: async (a) => ({ url: `/disclosure/filing-status.xlsx?regionId=${a.side.streetId}` }),
  },
  'GET /my/filings': {
    scope: 'none', shows: 'own',
    build: async (a) => { await seedFiling({ ...a, side: a.fx.side.own }, { state: 'filed', party: 'company' }); return { url: '/my/filings' }; },
  },
  'GET /my/filings/:id': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/my/filings/${await seedFiling(a, { state: 'filed', party: 'company' })}` }),
  },
};
