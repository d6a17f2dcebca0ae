import {
  parseDecisionRecord, type Choice, type DecisionRecord, type Matter, type TallyResult, tally,
} from '../../src/index.ts';

// Small builders: a record from plain JSON-ish rows, parsed through the real validator so the
// tests exercise the same path as `gongzhi retally`.

export type UnitRow = Record<string, unknown> & { unit: string };
export type BallotRow = Record<string, unknown> & { owner: string; choice: Choice };

export function rec(opts: {
  matter?: Matter; rules?: string; options?: Record<string, unknown>; scope?: Record<string, unknown>;
  units: UnitRow[]; ballots?: BallotRow[];
}): DecisionRecord {
  const raw = {
    format: 'gongzhi.decision-record/v1',
    rules: opts.rules ?? 'civil-code-2021',
    options: opts.options ?? {},
    matter: opts.matter ?? 4,
    ...(opts.scope ? { scope: opts.scope } : {}),
    units: opts.units.map((u) => ({ status: 'sold', ...u })),
    ballots: opts.ballots ?? [],
  };
  const r = parseDecisionRecord(raw);
  if (!r.ok) throw new Error(`bad test record: ${r.field}: ${r.message}`);
  return r.record;
}

/** Units owned one each: `sold(['A', 100.5], ['B', '200.00'])`. */
export function sold(...rows: Array<[string, number | string]>): UnitRow[] {
  return rows.map(([owner, area], i) => ({ unit: `u${i + 1}-${owner}`, owner, area }));
}

export function votes(spec: Record<string, Choice>): BallotRow[] {
  return Object.entries(spec).map(([owner, choice]) => ({ owner, choice }));
}

export function run(opts: Parameters<typeof rec>[0]): TallyResult {
  return tally(rec(opts));
}
