import { ROLES } from '@gongzhi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/app.ts';
import type { RouteDef } from '../../src/platform/route.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { answerText, FORBIDDEN_RULES, forbiddenIn, plant, type ForbiddenRule, type Planted } from './forbidden.ts';
import { expectation, judge } from './judge.ts';
import { ROUTE_CASES, type Req } from './route-cases.ts';
import { multipart } from '../support/multipart.ts';
import { buildFixture, coversForeign, GRANT_AT, principal, reaches, TARGETS, type Fx, type Principal, type Target } from './world.ts';

// The authorisation matrix, generated from the route table: every route × every role × a target
// in the caller's own estate (A), a foreign estate of the caller's own community (C), an estate
// of the property roles' own company in a foreign region (D) and an estate of a foreign region
// and company (B) (see world.ts), plus every route anonymously and before the second factor.
// The hard rule: no 2xx that the route's permission and the caller's scope do not grant.
// Routes whose target is not an estate ('self', 'none') are tried on A and B only: C and D
// would ask them nothing new.

const routes = allRoutes();
const keyOf = (r: RouteDef) => `${r.method} ${r.url}`;
const targetsOf = (scope: string): readonly Target[] => (scope === 'estate' ? TARGETS : ['own', 'foreign']);

let t: TestApp;
let fx: Fx;
let planted: Planted;
let ipSeq = 0;
/** A client address per case: sign-in routes are throttled per address. */
const nextIp = () => { ipSeq++; return `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`; };

const tally = {
  routes: routes.length, roles: ROLES.length, cases: 0, allowed: 0, allowed2xx: 0,
  deniedPermission: 0, deniedScope: 0, deniedScope2xxEmptyList: 0, deniedScopeByStatus: {} as Record<number, number>, anonymous: 0, mfaPending: 0, unauthorised2xx: 0, violations: 0,
  /** per target kind: cases tried, allowed (2xx expected), refused for scope (in reach of nobody but the grant) */
  /** the forbidden-field check of every 2xx answer (forbidden.ts): answers scanned (xlsx by their
   *  cells; PDFs not parsed here), findings per rule and per role */
  forbidden: {
    scanned: 0, xlsx: 0, pdfNotParsed: 0,
    planted: { phones: 0, secrets: 0, invitationCodes: 0, otherOwnerNames: 0 },
    findings: Object.fromEntries(FORBIDDEN_RULES.map((r) => [r, 0])) as Record<ForbiddenRule, number>,
    byRole: {} as Record<string, number>,
  },
  byTarget: Object.fromEntries(TARGETS.map((k) => [k, { cases: 0, allowed: 0, deniedPermission: 0, deniedScope: 0, unauthorised2xx: 0 }])) as Record<Target, { cases: number; allowed: number; deniedPermission: number; deniedScope: number; unauthorised2xx: number }>,
};

/** The forbidden-field check of one answer: problems to report (none for a non-2xx). */
async function forbiddenProblems(key: string, role: string, me: Principal | null, res: Awaited<ReturnType<typeof send>>): Promise<string[]> {
  if (res.statusCode < 200 || res.statusCode >= 300) return [];
  const text = await answerText(res);
  if (text === null) { tally.forbidden.pdfNotParsed++; return []; }
  tally.forbidden.scanned++;
  if (text !== res.body) tally.forbidden.xlsx++;
  const found = forbiddenIn({ text, routeKey: key, role: role as never, me, planted });
  for (const f of found) {
    tally.forbidden.findings[f.rule]++;
    tally.forbidden.byRole[role] = (tally.forbidden.byRole[role] ?? 0) + 1;
  }
  if (found.length) tally.violations++;
  return found.map((f) => `forbidden field [${f.rule}]: ${f.detail}`);
}

beforeAll(async () => {
  // each case comes from its own address (X-Forwarded-For), so per-address sign-in throttling
  // does not turn the many sign-in cases into 429s
  t = await createTestApp({ trustProxy: true });
  fx = await buildFixture(t);
  planted = await plant(fx);
}, 120_000);

afterAll(() => {
  if (planted) {
    tally.forbidden.planted = {
      phones: planted.phones.size, secrets: planted.secrets.size, invitationCodes: planted.invitationCodes.size, otherOwnerNames: planted.otherOwnerNames.size,
    };
  }
  console.log(`authorisation matrix: ${JSON.stringify(tally)}`);
});

/** The path part of a built request must be the route it is filed under, not a neighbour. */
function matchesRoute(route: RouteDef, url: string): boolean {
  const pattern = route.url.replace(/:[a-zA-Z]+/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(url.split('?')[0]);
}

function send(route: RouteDef, req: Req, cookie: string | null, ip: string) {
  const headers: Record<string, string> = { 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}), ...req.headers };
  const url = `/api/v1${req.url}`;
  if (req.multipart) {
    const m = multipart(req.multipart.fields, req.multipart.file);
    return t.app.inject({ method: route.method, url, payload: m.payload, headers: { ...headers, ...m.headers } });
  }
  return t.app.inject({ method: route.method, url, payload: req.body === undefined ? undefined : (req.body as object), headers });
}

describe('authorisation matrix', () => {
  it('covers exactly the routes of the route table', () => {
    const table = routes.map(keyOf);
    expect(new Set(table).size, 'a route is declared twice').toBe(table.length);
    expect(Object.keys(ROUTE_CASES).sort(), 'ROUTE_CASES must have one builder per route (test/authz/route-cases.ts)').toEqual([...table].sort());
  });

  it('places a grant for every role on side A; only city-root roles reach side B', () => {
    expect(Object.keys(GRANT_AT).sort()).toEqual([...ROLES].sort());
    expect(ROLES.filter(coversForeign).sort()).toEqual(['admin', 'auditor', 'city_officer']);
    // the own region reaches estate C; the own company reaches estate D
    expect(ROLES.filter((r) => reaches(r, 'neighbour')).sort()).toEqual(['admin', 'auditor', 'city_officer', 'community_officer', 'district_officer', 'street_officer']);
    expect(ROLES.filter((r) => reaches(r, 'company')).sort()).toEqual(['admin', 'auditor', 'city_officer', 'property_manager', 'property_staff']);
  });

  for (const route of routes) {
    const key = keyOf(route);
    const c = ROUTE_CASES[key];
    it(`${key} (${route.permission}): every role × ${c ? targetsOf(c.scope).join('/') : '?'}, anonymous, before the second factor`, async () => {
      expect(c, `no matrix entry for ${key}`).toBeDefined();
      const problems: string[] = [];

      for (const role of ROLES) {
        for (const target of targetsOf(c.scope)) {
          const me = await principal(fx, role, { mfaPending: c.mfaPending });
          const ip = nextIp();
          const args = { fx, target, side: fx.side[target], me, ip };
          const req = await c.build(args);
          expect(matchesRoute(route, req.url), `${key}: builder made ${req.url}`).toBe(true);
          const res = await send(route, req, me.cookie, ip);
          const expected = expectation(route, c, role, target);
          const verdict = judge({ route, c, role, target, expected, res });
          let problem = verdict.problem;
          if (!problem && expected === 'allow' && c.check) problem = await c.check(res, args);
          count(target, expected, res.statusCode, verdict.unauthorised, problem);
          if (problem) problems.push(`${role} × ${target}: ${problem}`);
          for (const f of await forbiddenProblems(key, role, me, res)) problems.push(`${role} × ${target}: ${f}`);
        }
      }

      // anonymous: only public routes may answer 2xx; every other route says 401 before anything else
      for (const target of ['own', 'foreign'] as const) {
        const builder = await principal(fx, 'city_officer', { mfaPending: c.mfaPending });
        const ip = nextIp();
        const req = await c.build({ fx, target, side: fx.side[target], me: builder, ip });
        const res = await send(route, req, null, ip);
        tally.anonymous++;
        for (const f of await forbiddenProblems(key, 'anonymous', null, res)) problems.push(`anonymous × ${target}: ${f}`);
        const ok = route.permission === 'public' ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === 401;
        if (!ok) {
          if (route.permission !== 'public' && res.statusCode < 300) tally.unauthorised2xx++;
          tally.violations++;
          problems.push(`anonymous × ${target}: expected ${route.permission === 'public' ? '2xx' : '401'}, got ${res.statusCode}: ${res.body.slice(0, 160)}`);
        }
      }

      // a password without its second factor: only public routes and the steps of signing in
      // answer; everything else is refused (401/403), whatever the role would otherwise reach
      for (const target of ['own', 'foreign'] as const) {
        const me = await principal(fx, 'admin', { mfaPending: true });
        const ip = nextIp();
        const req = await c.build({ fx, target, side: fx.side[target], me, ip });
        const res = await send(route, req, me.cookie, ip);
        tally.mfaPending++;
        for (const f of await forbiddenProblems(key, 'admin (before the second factor)', me, res)) problems.push(`admin before second factor × ${target}: ${f}`);
        const allowed = route.permission === 'public' || c.midSignIn === true;
        const ok = allowed ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === 401 || res.statusCode === 403;
        if (!ok) {
          if (!allowed && res.statusCode < 300) tally.unauthorised2xx++;
          tally.violations++;
          problems.push(`admin before second factor × ${target}: expected ${allowed ? '2xx' : '401/403'}, got ${res.statusCode}: ${res.body.slice(0, 160)}`);
        }
      }

      expect(problems, `${key}: ${problems.length} violation(s)\n${problems.join('\n')}`).toEqual([]);
    }, 60_000);
  }
});

function count(target: Target, expected: ReturnType<typeof expectation>, status: number, unauthorised: boolean, problem: string | null) {
  tally.cases++;
  const k = tally.byTarget[target];
  k.cases++;
  if (expected === 'allow') k.allowed++;
  else if (expected === 'deny-permission') k.deniedPermission++;
  else k.deniedScope++;
  if (unauthorised) k.unauthorised2xx++;
  const ok2xx = status >= 200 && status < 300;
  if (expected === 'allow') {
    tally.allowed++;
    if (ok2xx) tally.allowed2xx++;
  } else if (expected === 'deny-permission') {
    tally.deniedPermission++;
  } else {
    tally.deniedScope++;
    tally.deniedScopeByStatus[status] = (tally.deniedScopeByStatus[status] ?? 0) + 1;
    if (ok2xx && !unauthorised) tally.deniedScope2xxEmptyList++;
  }
  if (unauthorised) tally.unauthorised2xx++;
  if (problem) tally.violations++;
}

