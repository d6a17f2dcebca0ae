import { ERROR_CODES, ROLES, type Role } from '@gongzhi/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/app.ts';
import type { RouteDef } from '../../src/platform/route.ts';
import { expectation } from '../authz/judge.ts';
import { ROUTE_CASES, type Req } from '../authz/route-cases.ts';
import { buildFixture, coversForeign, principal, type Fx, type Principal } from '../authz/world.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { diffFingerprints, fingerprinter, type Fingerprinter } from './fuzz-fingerprint.ts';
import { operationsOf, variants, type Operation, type Variant } from './fuzz-requests.ts';
import { unknownKeywords } from './fuzz-schema.ts';

// Why: every endpoint must survive bad input. For every operation of the OpenAPI document the
// app serves (generated from the zod schemas), fast-check generates valid, boundary and malformed
// requests (params, query, body, content type, multipart), sent as a caller holding the route's
// permission in estate A, as an owner and anonymously. It proves: no 5xx ever; every 4xx is
// {code: a key of ERROR_CODES, message: non-empty}; and a run of refused requests leaves the row
// counts of every table and the audit log unchanged (a run that contains a 2xx is not compared).
// Deterministic: FUZZ_SEED (printed in the JSON line); FUZZ_RUNS=<n> generates more per part for
// a deeper local run (the suite's default keeps the file within its time budget).

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
/** FUZZ_ONLY=<regex>: only the operations whose "METHOD /url" matches (when chasing one bug) */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;

const routes = allRoutes();
const routeByKey = new Map<string, RouteDef>(routes.map((r) => [`${r.method} ${r.url}`, r]));
const multipartKeys = new Set(routes.filter((r) => r.multipart).map((r) => `${r.method} ${r.url}`));

let t: TestApp;
let fx: Fx;
let fp: Fingerprinter;
let ops: Operation[] = [];
let ipSeq = 0;
const nextIp = () => { ipSeq++; return `10.${200 + ((ipSeq >> 16) & 31)}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`; };

const tally = {
  seed: SEED, runs: RUNS, operations: 0, requests: 0, byStatus: {} as Record<number, number>,
  byFamily: { valid: 0, edge: 0, malformed: 0 }, byCaller: { holder: 0, owner: 0, anonymous: 0 },
  twoXX: 0, fiveXX: 0, shapeViolations: 0, anonymous2xx: 0, changedByRefused: 0,
  runsCompared: 0, runsSkippedFor2xx: 0, baseBuildFailed: 0, tablesFingerprinted: 0, tablesUntracked: [] as string[],
};

beforeAll(async () => {
  // FUZZ_LOG=error shows the server's stack of a 5xx
  t = await createTestApp({ trustProxy: true, ...(process.env.FUZZ_LOG ? { logLevel: process.env.FUZZ_LOG } : {}) });
  fx = await buildFixture(t);
  fp = await fingerprinter(t.pool);
  tally.tablesFingerprinted = fp.tables.length;
  tally.tablesUntracked = fp.untracked;
  const doc = t.app.swagger() as unknown as Parameters<typeof operationsOf>[0];
  // destructive routes last: what they delete or close cannot then starve later operations
  const late = (o: Operation) => (o.method === 'DELETE' || /logout|disable|cancel|revoke/.test(o.key) ? 1 : 0);
  ops = operationsOf(doc, multipartKeys).sort((a, b) => late(a) - late(b));
}, 180_000);

afterAll(() => {
  console.log(`fuzz: ${JSON.stringify(tally)}`);
});

const keyHash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7) >>> 0;

/** The role that holds the route's permission in estate A (a role whose grant stops at A, so
 *  estate B's ids are out of its scope), or null for public routes. */
function holderRole(route: RouteDef, key: string): Role {
  const c = ROUTE_CASES[key];
  if (route.permission === 'public') return 'owner';
  if (route.permission === 'authenticated') return route.url.startsWith('/my/') ? 'owner' : 'committee_chair';
  const allowed = ROLES.filter((r) => expectation(route, c, r, 'own') === 'allow');
  return allowed.find((r) => !coversForeign(r)) ?? allowed[0] ?? 'admin';
}

function send(v: Variant, method: string, cookie: string | null): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'x-forwarded-for': nextIp(), ...v.headers, ...(cookie ? { cookie } : {}) };
  return t.app.inject({ method: method as never, url: v.url, payload: v.payload, headers });
}

/** What is wrong with an answer's shape, or null. */
function shapeProblem(res: LightMyRequestResponse): string | null {
  if (res.statusCode < 400 || res.statusCode >= 500) return null;
  let body: unknown;
  try { body = res.json(); } catch { return `not JSON: ${res.body.slice(0, 120)}`; }
  const b = body as { code?: unknown; message?: unknown };
  if (typeof b?.code !== 'string' || !(b.code in ERROR_CODES)) return `code ${JSON.stringify(b?.code)} is not a key of ERROR_CODES`;
  if (typeof b.message !== 'string' || b.message.trim() === '') return 'message missing or empty';
  return null;
}

describe('fuzz from the OpenAPI schemas', () => {
  it('the document has an operation for every route, in schemas the generator understands', () => {
    const keys = ops.map((o) => o.key).sort();
    expect(ops.length).toBeGreaterThan(200);
    expect(keys).toEqual([...routeByKey.keys()].sort());
    const unknown = new Set<string>();
    for (const o of ops) for (const s of [o.body, ...Object.values(o.query), ...Object.values(o.pathParams)]) unknownKeywords(s, unknown);
    expect([...unknown]).toEqual([]);
  });

  it('every operation: no 5xx, every 4xx in the error shape, refused requests change nothing', async () => {
    const failures: string[] = [];
    for (const op of ops) {
      if (ONLY && !ONLY.test(op.key)) continue;
      const problems = await fuzzOperation(op);
      tally.operations++;
      if (problems.length) failures.push(`${op.key}:\n  ${problems.slice(0, 8).join('\n  ')}${problems.length > 8 ? `\n  …and ${problems.length - 8} more` : ''}`);
    }
    expect(failures, `${failures.length} operation(s) failed\n${failures.join('\n')}`).toEqual([]);
  }, 600_000);
});

async function fuzzOperation(op: Operation): Promise<string[]> {
  const route = routeByKey.get(op.key)!;
  const c = ROUTE_CASES[op.key];
  const role = holderRole(route, op.key);
  const seed = (SEED ^ keyHash(op.key)) >>> 0;
  const holder = await principal(fx, role, { mfaPending: c.mfaPending });
  const owner = await principal(fx, 'owner');
  const args = (me: Principal, target: 'own' | 'foreign') => ({ fx, target, side: fx.side[target], me, ip: nextIp() });
  let base: Req;
  try {
    base = await c.build(args(holder, 'own'));
  } catch {
    // the builder needs state an earlier operation used up: fuzz around a placeholder instead
    tally.baseBuildFailed++;
    base = { url: op.template.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, '1'), body: op.body ? {} : undefined };
  }
  let foreign: Req | null = null;
  if (!op.multipart) {
    const other = await principal(fx, role, { mfaPending: c.mfaPending });
    foreign = await Promise.resolve(c.build(args(other, 'foreign'))).catch(() => null);
  }
  const all = variants({ op, base, foreign, seed, runs: RUNS });
  // owner and anonymous: the first request of each family is enough to see their refusals
  const firstOfEach = (['valid', 'edge', 'malformed'] as const).flatMap((f) => all.filter((v) => v.family === f).slice(0, 2));
  // refused-looking requests first, then the valid ones: fewer runs broken by a 2xx
  const order = (vs: Variant[]) => [...vs.filter((v) => v.family !== 'valid'), ...vs.filter((v) => v.family === 'valid')];
  const plan: { caller: 'holder' | 'owner' | 'anonymous'; cookie: string | null; v: Variant }[] = [
    ...order(firstOfEach).map((v) => ({ caller: 'anonymous' as const, cookie: null, v })),
    ...order(firstOfEach).map((v) => ({ caller: 'owner' as const, cookie: owner.cookie, v })),
    ...order(all).map((v) => ({ caller: 'holder' as const, cookie: holder.cookie, v })),
  ];

  const problems: string[] = [];
  let baseline = await fp.take();
  let run: string[] = []; // the refused requests since the baseline
  let dirty = false; // the run contains a 2xx: not comparable
  const closeRun = async () => {
    const now = await fp.take();
    if (run.length && !dirty) {
      tally.runsCompared++;
      if (now !== baseline) {
        tally.changedByRefused++;
        problems.push(`refused requests changed ${diffFingerprints(fp.tables, baseline, now).join(', ')}; requests: ${run.slice(0, 6).join(' | ')}`);
      }
    } else if (run.length) tally.runsSkippedFor2xx++;
    baseline = now;
    run = [];
    dirty = false;
  };

  for (const { caller, cookie, v } of plan) {
    // a valid request may succeed: first settle whether the refused ones before it changed anything
    if (v.family === 'valid' && caller === 'holder') await closeRun();
    const res = await send(v, op.method, cookie);
    const s = res.statusCode;
    tally.requests++;
    tally.byStatus[s] = (tally.byStatus[s] ?? 0) + 1;
    tally.byFamily[v.family]++;
    tally.byCaller[caller]++;
    const label = `${caller} ${v.family} "${v.what}" ${op.method} ${v.url.slice(0, 100)}`;
    if (s >= 500) {
      tally.fiveXX++;
      problems.push(`${s} for ${label}: ${res.body.slice(0, 200)}`);
    }
    const shape = shapeProblem(res);
    if (shape) {
      tally.shapeViolations++;
      problems.push(`bad error shape (${s}) for ${label}: ${shape}`);
    }
    if (s >= 200 && s < 300) {
      tally.twoXX++;
      if (caller === 'anonymous' && route.permission !== 'public') {
        tally.anonymous2xx++;
        problems.push(`anonymous 2xx for ${label}`);
      }
      dirty = true;
      // a success is a new starting point: the requests after it are compared against it
      if (v.family === 'valid' && caller === 'holder') await closeRun();
    } else {
      run.push(`${s} ${label}`);
    }
  }
  await closeRun();
  return problems;
}
