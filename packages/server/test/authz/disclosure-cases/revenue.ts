import { RequestContext } from '../../../src/platform/auth/context.ts';
import { withTx } from '../../../src/platform/db.ts';
import { publishRevenueStatement } from '../../../src/modules/disclosure/revenue-statement-publish.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';

// Authorisation-matrix cases for the disclosure module's revenue routes (issue 5, part D2).
// Each side gets its books once: an income of 2020-01 whose counterparty carries the side's
// marker, stated by a published statement of 2020-01 (closing 100.00 元). Publication cases each
// state a fresh later month with no entries (so the declared closing stays 100.00 元), reversals
// reverse a fresh entry booked after every stated month.

const statements = new Map<string, Promise<number>>();

/** The side's books and its 2020-01 statement (once per side and fixture). */
function statement(a: CaseArgs): Promise<number> {
  const key = `${a.side.estateId}`;
  if (!statements.has(key)) {
    statements.set(key, withTx(a.fx.t.pool, async (db) => {
      await db.query(
        `INSERT INTO revenue_entries (estate_id, direction, category, counterparty, period_start, period_end, booked_on, amount_fen, managed_by)
         VALUES ($1, 'income', 'parking', $2, '2020-01-01', '2020-01-31', '2020-01-15', 10000, 'company')`,
        [a.side.estateId, `${a.side.marker}停车场`],
      );
      // the company of the side publishes it (as its property manager would)
      const ctx = new RequestContext('127.0.0.1', 'zh', null, null, { id: 0, role: 'property_manager', scopeKind: 'company', scopeId: a.side.companyId },
        { estateIds: [a.side.estateId], unitIds: null, regionPath: null, companyId: a.side.companyId, departmentId: null }, true);
      const s = await publishRevenueStatement({ db, ctx, estateId: a.side.estateId, input: { periodKind: 'month', periodKey: '2020-01', declaredClosingFen: 10_000 } });
      return s.id;
    }));
  }
  return statements.get(key)!;
}

/** A month after 2020-01 that no statement of any side states yet, in increasing order. */
let month = 0;
const freshMonth = () => {
  const m = ++month;
  return `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};

/** A fresh entry of the side, booked after every stated month (a reversal consumes one). */
async function freshEntry(a: CaseArgs): Promise<number> {
  const r = await a.fx.t.pool.query(
    `INSERT INTO revenue_entries (estate_id, direction, category, counterparty, period_start, period_end, booked_on, amount_fen, managed_by)
     VALUES ($1, 'expense', 'tax', $2, '2025-06-01', '2025-06-30', '2025-06-01', 100, 'company') RETURNING id`,
    [a.side.estateId, `${a.side.marker}税务`],
  );
  return Number(r.rows[0].id);
}

export const REVENUE_CASES: Record<string, RouteCase> = {
  'POST /estates/:id/revenue/entries': {
    scope: 'estate', shows: 'target',
    build: (a) => ({
      url: `/estates/${a.side.estateId}/revenue/entries`,
      body: { direction: 'income', category: 'advertising', counterparty: `${a.side.marker}广告`, periodStart: '2025-06-01', periodEnd: '2025-06-30', bookedOn: '2025-06-02', amountFen: 100 },
    }),
    check: (res, a) => (res.json().estateId === a.side.estateId ? null : 'booked into another estate'),
  },
  'POST /revenue/entries/:id/reverse': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/revenue/entries/${await freshEntry(a)}/reverse`, body: { reason: '冲正' } }),
  },
  'GET /estates/:id/revenue/entries': {
    scope: 'estate', shows: 'target', build: async (a) => { await statement(a); return { url: `/estates/${a.side.estateId}/revenue/entries` }; },
  },
  'GET /estates/:id/revenue/entries.xlsx': {
    scope: 'estate', build: async (a) => { await statement(a); return { url: `/estates/${a.side.estateId}/revenue/entries.xlsx` }; },
  },
  'GET /estates/:id/revenue/preview': {
    scope: 'estate',
    build: async (a) => { await statement(a); return { url: `/estates/${a.side.estateId}/revenue/preview?periodKind=quarter&periodKey=2019-Q4` }; },
    check: (res) => (res.json().periodStart === '2019-10-01' ? null : 'wrong period'),
  },
  'POST /estates/:id/revenue/statements': {
    scope: 'estate', shows: 'target',
    build: async (a) => {
      await statement(a);
      return { url: `/estates/${a.side.estateId}/revenue/statements`, body: { periodKind: 'month', periodKey: freshMonth(), declaredClosingFen: 10_000 } };
    },
    check: (res) => (res.json().openingFen === 10_000 && res.json().closingFen === 10_000 ? null : `statement chain broken: ${res.body.slice(0, 120)}`),
  },
  'GET /estates/:id/revenue/statements': {
    scope: 'estate', shows: 'target', build: async (a) => { await statement(a); return { url: `/estates/${a.side.estateId}/revenue/statements` }; },
  },
  'GET /revenue/statements/:id': {
    scope: 'estate', shows: 'target', build: async (a) => ({ url: `/revenue/statements/${await statement(a)}` }),
  },
  'GET /revenue/statements/:id/shares': {
    scope: 'estate', build: async (a) => ({ url: `/revenue/statements/${await statement(a)}/shares` }),
    check: (res, a) => (res.json().items.some((x: { unitId: number }) => x.unitId === a.side.unitId) ? null : 'the side\'s unit has no share'),
  },
  'GET /revenue/statements/:id.pdf': {
    scope: 'estate', build: async (a) => ({ url: `/revenue/statements/${await statement(a)}.pdf` }),
    check: (res) => (res.rawPayload.subarray(0, 5).toString() === '%PDF-' ? null : 'not a PDF'),
  },
  'GET /revenue/statements/:id.xlsx': {
    scope: 'estate', build: async (a) => ({ url: `/revenue/statements/${await statement(a)}.xlsx` }),
  },
  'GET /my/revenue/statements': {
    scope: 'none', shows: 'own',
    build: async (a) => { await statement({ ...a, side: a.fx.side.own }); await statement({ ...a, side: a.fx.side.foreign }); return { url: '/my/revenue/statements' }; },
    // only the owner's estate, with the share of the owner's own bound unit only
    check: (res, { fx }) => {
      const items = res.json().items as { estateId: number; myShares: { unitId: number }[] }[];
      const estates = [...new Set(items.map((s) => s.estateId))];
      if (estates.length !== 1 || estates[0] !== fx.side.own.estateId) return `my statements were of estates ${JSON.stringify(estates)}`;
      const units = [...new Set(items.flatMap((s) => s.myShares.map((x) => x.unitId)))];
      return units.length === 1 && units[0] === fx.side.own.unitId ? null : `my shares were of units ${JSON.stringify(units)}`;
    },
  },
  'GET /my/revenue/statements/:id': {
    scope: 'estate', shows: 'target', build: async (a) => ({ url: `/my/revenue/statements/${await statement(a)}` }),
  },
};
