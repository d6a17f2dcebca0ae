import { postMovement } from '../../../src/modules/funds/ledger-writer.ts';
import { writeStatement } from '../../../src/modules/funds/statement-publish.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/meetings/index.ts';
import { withTx } from '../../../src/platform/db.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the ledger routes of the funds module (issue 4, part F2).
// Each side gets its books once (a deposit whose memo carries the side's marker, so an allowed
// list shows it) and one published statement; bookings that change money are made fresh per case
// with amounts small enough never to run dry.

const DAY = 86_400_000;
const booked = new Map<string, Promise<void>>();
const statements = new Map<string, Promise<number>>();

/** The side's initial deposit (once per side and fixture). */
function books(a: CaseArgs): Promise<void> {
  const key = `${a.side.estateId}`;
  if (!booked.has(key)) {
    booked.set(key, withTx(a.fx.t.pool, async (db) => {
      await postMovement(db, {
        estateId: a.side.estateId, kind: 'deposit', bookedOn: '2025-01-10', memo: `${a.side.marker}首期交存`, actor: SYSTEM_ACTOR,
        lines: [{ unitId: a.side.unitId, amountFen: 10_000_000 }, { unitId: a.side.unit2Id, amountFen: 10_000_000 }],
      });
    }));
  }
  return booked.get(key)!;
}

/** A published statement of the side (once per side and fixture). */
function statement(a: CaseArgs): Promise<number> {
  const key = `${a.side.estateId}`;
  if (!statements.has(key)) {
    statements.set(key, books(a).then(() => withTx(a.fx.t.pool, async (db) =>
      (await writeStatement(db, { estateId: a.side.estateId, periodStart: '2025-01-01', periodEnd: '2025-06-30', actor: SYSTEM_ACTOR }))!)));
  }
  return statements.get(key)!;
}

/** A period no statement of any side has yet: one day each, counting back from 2024. */
let periodSeq = 0;
const freshPeriod = () => {
  const d = new Date(Date.UTC(2024, 11, 31) - ++periodSeq * DAY).toISOString().slice(0, 10);
  return { periodStart: d, periodEnd: d };
};

const window = () => ({ votingOpensAt: new Date(Date.now() + 20 * DAY).toISOString(), votingClosesAt: new Date(Date.now() + 27 * DAY).toISOString() });

export const LEDGER_CASES: Record<string, RouteCase> = {
  'GET /estates/:id/fund': { scope: 'estate', shows: 'target', build: async (a) => { await books(a); return { url: `/estates/${a.side.estateId}/fund` }; } },
  'GET /estates/:id/fund/units': {
    scope: 'estate', shows: 'target', build: async (a) => { await books(a); return { url: `/estates/${a.side.estateId}/fund/units` }; },
  },
  'GET /fund/units/:unitId/movements': {
    scope: 'estate', shows: 'target', build: async (a) => { await books(a); return { url: `/fund/units/${a.side.unitId}/movements` }; },
  },
  'GET /estates/:id/fund/movements': {
    scope: 'estate', shows: 'target', build: async (a) => { await books(a); return { url: `/estates/${a.side.estateId}/fund/movements?kind=deposit` }; },
  },
  'GET /estates/:id/fund/movements.xlsx': {
    scope: 'estate', build: async (a) => { await books(a); return { url: `/estates/${a.side.estateId}/fund/movements.xlsx` }; },
  },
  'POST /estates/:id/fund/deposits': {
    scope: 'estate',
    build: (a) => ({ url: `/estates/${a.side.estateId}/fund/deposits`, body: { kind: 'replenishment', memo: `${a.side.marker}续筹`, lines: [{ unitId: a.side.unitId, amountFen: 100 }] } }),
    // the answer is the booking itself; it names the side's unit only through the books
    check: async (res, a) => {
      const r = await a.fx.t.pool.query(`SELECT estate_id FROM fund_movements WHERE id = $1`, [res.json().movementId]);
      return Number(r.rows[0]?.estate_id) === a.side.estateId ? null : 'booked into another estate';
    },
  },
  'POST /estates/:id/fund/interest': {
    scope: 'estate', build: async (a) => { await books(a); return { url: `/estates/${a.side.estateId}/fund/interest`, body: { totalFen: 7, memo: `${a.side.marker}利息` } }; },
  },
  'POST /fund/units/:unitId/refunds': {
    scope: 'estate',
    build: async (a) => { await books(a); return { url: `/fund/units/${a.side.unitId}/refunds`, body: { amountFen: 1, payee: `${a.side.marker}业主`, reason: '退还' } }; },
  },
  'GET /estates/:id/fund/statement-preview': {
    scope: 'estate', shows: 'target',
    build: async (a) => { await books(a); return { url: `/estates/${a.side.estateId}/fund/statement-preview?periodStart=2025-01-01&periodEnd=2025-06-30` }; },
  },
  'GET /estates/:id/fund/statements': {
    scope: 'estate', shows: 'target', build: async (a) => { await statement(a); return { url: `/estates/${a.side.estateId}/fund/statements` }; },
  },
  'POST /estates/:id/fund/statements': {
    scope: 'estate', shows: 'target', build: async (a) => { await books(a); return { url: `/estates/${a.side.estateId}/fund/statements`, body: freshPeriod() }; },
  },
  'GET /fund/statements/:id': { scope: 'estate', shows: 'target', build: async (a) => ({ url: `/fund/statements/${await statement(a)}` }) },
  'GET /fund/statements/:id.xlsx': { scope: 'estate', build: async (a) => ({ url: `/fund/statements/${await statement(a)}.xlsx` }) },
  'POST /estates/:id/fund/buildings/:buildingId/replenishment-item': {
    scope: 'estate',
    build: async (a) => ({
      url: `/estates/${a.side.estateId}/fund/buildings/${a.side.buildingId}/replenishment-item`,
      body: { newMeeting: { title: `${a.side.marker}续筹会议`, ...window() } },
    }),
  },
  'GET /my/fund': {
    scope: 'none', shows: 'own',
    build: async (a) => { await books({ ...a, side: a.fx.side.own }); return { url: '/my/fund' }; },
    // exactly the caller's own bound unit (owner A also owns a unit in B, without a binding)
    check: (res, { fx }) => {
      const units = (res.json().units as { unitId: number }[]).map((u) => u.unitId);
      return units.length === 1 && units[0] === fx.side.own.unitId ? null : `my fund units were ${JSON.stringify(units)}`;
    },
  },
  'GET /my/fund/units/:unitId/movements': {
    scope: 'estate', shows: 'target', build: async (a) => { await books(a); return { url: `/my/fund/units/${a.side.unitId}/movements` }; },
  },
  'GET /my/fund/statements/:id': {
    scope: 'estate', shows: 'target', build: async (a) => ({ url: `/my/fund/statements/${await statement(a)}` }),
  },
  'GET /my/fund/statements': {
    scope: 'none', shows: 'own',
    build: async (a) => { await statement({ ...a, side: a.fx.side.own }); await statement({ ...a, side: a.fx.side.foreign }); return { url: '/my/fund/statements' }; },
    check: (res, { fx }) => {
      const ids = [...new Set((res.json().items as { estateId: number }[]).map((s) => s.estateId))];
      return ids.length === 1 && ids[0] === fx.side.own.estateId ? null : `my statements were of estates ${JSON.stringify(ids)}`;
    },
  },
};
