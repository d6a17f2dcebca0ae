import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Pool } from '../../src/platform/db.ts';

// Helpers of the race tests (issue 7, part D): fire a crowd of requests at once, and compare what
// the crowd changed with what ONE request changes ("exactly one effect": the same rows in every
// table that records an effect — the rows themselves, ledger entries, audit events, notifications).

/** Starts `n` calls together (none begins before all are created) and waits for all of them. */
export async function crowd<T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> {
  let go!: () => void;
  const gate = new Promise<void>((r) => (go = r));
  const all = Array.from({ length: n }, (_, i) => gate.then(() => call(i)));
  go();
  return Promise.all(all);
}

/** Row counts of the given tables (optionally restricted by a WHERE per table). */
export async function counts(pool: Pool, tables: Record<string, string>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, where] of Object.entries(tables)) {
    const [table] = name.split(':');
    const r = await pool.query(`SELECT count(*)::int AS n FROM ${table} ${where ? `WHERE ${where}` : ''}`);
    out[name] = r.rows[0].n;
  }
  return out;
}

export function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
}

/** No 5xx; every refusal in the error shape with one of the expected codes and a message. */
export function expectOneWinner(answers: LightMyRequestResponse[], loserCodes: readonly string[], winners = 1): void {
  const statuses = answers.map((a) => a.statusCode);
  expect(statuses.filter((s) => s >= 500), answers.filter((a) => a.statusCode >= 500).map((a) => a.body).join('\n')).toEqual([]);
  expect(statuses.filter((s) => s === 200), JSON.stringify(statuses)).toHaveLength(winners);
  for (const a of answers.filter((x) => x.statusCode !== 200)) {
    const body = a.json();
    expect(loserCodes, a.body).toContain(body.code);
    expect(typeof body.message === 'string' && body.message.length > 0).toBe(true);
  }
}

/** Summarises answers as { "200": n, "409 CODE": n } for a readable failure message. */
export function tallyAnswers(answers: LightMyRequestResponse[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const k = a.statusCode === 200 ? '200' : `${a.statusCode} ${a.json().code}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
