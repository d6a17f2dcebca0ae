import { MAX_AMOUNT_FEN, ROLE_PERMISSIONS, ROLES, type Role } from '@gongzhi/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/app.ts';
import { ROUTE_CASES } from '../authz/route-cases.ts';
import { buildFixture, coversForeign, GRANT_AT, pngFile, principal, type Fx } from '../authz/world.ts';
import { multipart } from '../support/multipart.ts';
import { createTestApp } from '../support/test-app.ts';

// Why: the bugs the OpenAPI fuzz test (fuzz.test.ts) found, pinned down one by one so that they
// stay fixed whatever seed the fuzzer runs with: each was a 500 and must now be a 400 in the
// error shape that changed nothing.

let fx: Fx;

beforeAll(async () => {
  fx = await buildFixture(await createTestApp());
}, 120_000);

/** A role holding the permission of `METHOD url` with its grant on estate A's side. */
function holderOf(key: string): Role {
  const r = allRoutes().find((x) => `${x.method} ${x.url}` === key)!;
  const role = ROLES.find((x) => (ROLE_PERMISSIONS[x] as readonly string[]).includes(r.permission) && !coversForeign(x) && GRANT_AT[x] !== 'department');
  if (!role) throw new Error(`no role holds ${r.permission}`);
  return role;
}

const count = async (table: string) => Number((await fx.t.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

describe('fuzz regressions', () => {
  it('fund bookkeeper: a memo with U+0000 or a lone surrogate is a 400 naming the field, and nothing is booked', async () => {
    const me = await principal(fx, holderOf('POST /estates/:id/fund/deposits'));
    const a = fx.side.own;
    const before = [await count('fund_movements'), await count('audit_events')];
    for (const memo of ['a\u0000b', 'x\ud800y']) {
      const res = await fx.t.request({
        method: 'POST', url: `/api/v1/estates/${a.estateId}/fund/deposits`, cookie: me.cookie,
        body: { kind: 'deposit', memo, lines: [{ unitId: a.unitId, amountFen: 100 }] },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ field: 'body.memo' }] } });
    }
    expect([await count('fund_movements'), await count('audit_events')]).toEqual(before);
  });

  it('fund bookkeeper: an amount above MAX_AMOUNT_FEN is refused, so the fund pages keep answering', async () => {
    const me = await principal(fx, holderOf('POST /estates/:id/fund/deposits'));
    const a = fx.side.own;
    for (const amountFen of [MAX_AMOUNT_FEN + 1, Number.MAX_SAFE_INTEGER]) {
      const res = await fx.t.request({
        method: 'POST', url: `/api/v1/estates/${a.estateId}/fund/deposits`, cookie: me.cookie,
        body: { kind: 'deposit', lines: [{ unitId: a.unitId, amountFen }] },
      });
      expect(res.statusCode, res.body).toBe(400);
    }
    // at a rate per m² each unit's share is within bounds, the estate's total is not
    const byRate = await fx.t.request({
      method: 'POST', url: `/api/v1/estates/${a.estateId}/fund/deposits`, cookie: me.cookie,
      body: { kind: 'replenishment', buildingIds: [a.buildingId], rateFenPerSqm: MAX_AMOUNT_FEN },
    });
    expect(byRate.statusCode, byRate.body).toBe(400);
    expect(byRate.json().code).toBe('VALIDATION_FAILED');
    const viewer = await principal(fx, holderOf('GET /estates/:id/fund'));
    const overview = await fx.t.request({ method: 'GET', url: `/api/v1/estates/${a.estateId}/fund`, cookie: viewer.cookie });
    expect(overview.statusCode, overview.body).toBe(200);
  });

  it('uploader: a multipart body without a boundary, or cut short, is a 400 and stores nothing', async () => {
    const me = await principal(fx, 'city_officer');
    const a = fx.side.own;
    const good = multipart({ recordType: 'estate', recordId: String(a.estateId), estateId: String(a.estateId) }, pngFile('plan.png'));
    const before = await count('attachments');
    const tries = [
      { payload: good.payload, headers: { 'content-type': 'multipart/form-data' } },
      { payload: good.payload.subarray(0, good.payload.length >> 1), headers: good.headers },
    ];
    for (const url of ['/api/v1/attachments', `/api/v1/estates/${a.estateId}/roster/import?dryRun=1`]) {
      const who = url.includes('roster') ? await principal(fx, holderOf('POST /estates/:id/roster/import')) : me;
      for (const t of tries) {
        const res = await fx.t.app.inject({ method: 'POST', url, payload: t.payload, headers: { ...t.headers, cookie: who.cookie } });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    }
    // a control character in a multipart field (which the JSON text guard does not see)
    const nul = multipart({ recordType: 'estate', recordId: '\u0000', estateId: String(a.estateId) }, pngFile('plan.png'));
    const res = await fx.t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: nul.payload, headers: { ...nul.headers, cookie: me.cookie } });
    expect(res.statusCode, res.body).toBe(400);
    expect(await count('attachments')).toBe(before);
  });

  it('anyone: a path that is not valid UTF-8 is a 400 in the error shape (was Fastify\'s own FST_ERR_BAD_URL body)', async () => {
    const res = await fx.t.app.inject({ method: 'GET', url: '/api/v1/public/receipts/%ED%A0%80' });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'url' } });
    expect(res.json().message).not.toBe('');
  });

  it('auditor: a filter day that is no calendar day is a 400 (was a 500 at the ::date cast)', async () => {
    const me = await principal(fx, holderOf('GET /audit-events'));
    for (const day of ['2026-99-99', '2026-02-30']) {
      const res = await fx.t.request({ method: 'GET', url: `/api/v1/audit-events?from=${day}`, cookie: me.cookie });
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('committee: a household count beyond the integer column is a 400 and creates no meeting', async () => {
    const role = holderOf('POST /meetings');
    const me = await principal(fx, role);
    const base = await ROUTE_CASES['POST /meetings'].build({ fx, target: 'own', side: fx.side.own, me, ip: '10.9.9.9' });
    const before = await count('meetings');
    const res = await fx.t.request({
      method: 'POST', url: `/api/v1${base.url}`, cookie: me.cookie, body: { ...(base.body as object), householdCount: 2 ** 31 },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(await count('meetings')).toBe(before);
  });

  it('fund bookkeeper: year 0000 (no such year in PostgreSQL) is refused, not a 500', async () => {
    const me = await principal(fx, holderOf('POST /estates/:id/fund/deposits'));
    const a = fx.side.own;
    const res = await fx.t.request({
      method: 'POST', url: `/api/v1/estates/${a.estateId}/fund/deposits`, cookie: me.cookie,
      body: { kind: 'deposit', bookedOn: '0000-01-01', lines: [{ unitId: a.unitId, amountFen: 100 }] },
    });
    expect(res.statusCode, res.body).toBe(400);
  });

  it('officer: an empty periodKey on the filing status table means "no period given" (was a 500)', async () => {
    const me = await principal(fx, holderOf('GET /disclosure/filing-status'));
    const res = await fx.t.request({ method: 'GET', url: '/api/v1/disclosure/filing-status?periodKey=', cookie: me.cookie });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('street officer: an instruction of 2,000 characters calls the departments (was a 500: the escalation reason holds 1,000)', async () => {
    const key = 'POST /cases/:id/call-departments';
    const me = await principal(fx, holderOf(key));
    const base = await ROUTE_CASES[key].build({ fx, target: 'own', side: fx.side.own, me, ip: '10.9.9.10' });
    const res = await fx.t.request({
      method: 'POST', url: `/api/v1${base.url}`, cookie: me.cookie, body: { ...(base.body as object), instruction: '业'.repeat(2000) },
    });
    expect(res.statusCode, res.body).toBe(200);
    const call = await fx.t.pool.query(`SELECT length(instruction) AS n FROM case_department_calls ORDER BY id DESC LIMIT 1`);
    expect(call.rows[0].n).toBe(2000);
  });
});
