import type { CaseLevel } from '@gongzhi/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepCases } from '../../src/modules/cases/case-sweep.ts';
import { withTx } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { api, escalationWorld, insertCase, type EscalationWorld } from '../cases/escalation-fixture.ts';
import { counts, crowd, delta } from './races-support.ts';

// Why: issue 7 — "concurrent requests that race on one case's escalation: exactly one effect".
// A case whose running deadline has passed is escalated, at the same moment, by its owner and a
// follower by hand (POST /my/cases/:id/escalate, 24 requests, alternating the two) AND by several
// sweepers (the durable job's sweepCases, each in its own transaction, as two instances would).
// For each rung an owner may climb (company → committee → community → street):
//   - exactly one hop: one case_escalations row from that rung (its UNIQUE(case_id, from_level) is
//     the last word), one 'escalated' timeline event, one case.escalate audit event, and the same
//     notifications as ONE escalation by the same winner (hand or sweeper) on a twin case;
//   - the HTTP answers: at most one 200 (none when a sweeper won), every other a 409
//     CASE_ALREADY_ESCALATED naming the rung reached (never a 5xx, never CASE_LEVEL_SKIP);
//   - the sweepers together moved the case at most once, and exactly once when no request won.
// Three rounds per rung, the sweepers let loose at different moments (with the first request, after
// the first answer, after half), so both kinds of winner occur; each round holds whoever wins.

let t: TestApp;
let w: EscalationWorld;
const CROWD = 24;
const SWEEPERS = 4;
const NEXT: Record<string, CaseLevel> = { company: 'committee', committee: 'community', community: 'street' };
const LOWER: CaseLevel[] = ['company', 'committee', 'community'];

beforeAll(async () => {
  t = await createTestApp();
  w = await escalationWorld(t);
});

/** A case of owner3's unit at `level`, owner5 following, its deadline passed a minute ago. */
async function dueCase(level: CaseLevel): Promise<number> {
  const id = await insertCase(t, {
    estateId: w.estateId, ownerAccountId: w.owner3.accountId, unitId: w.units.u3, state: 'in_progress', level,
    nextDueAt: new Date(Date.now() + 86_400_000),
  });
  await t.pool.query(`INSERT INTO case_followers (case_id, account_id) VALUES ($1, $2)`, [id, w.owner5.accountId]);
  // the rungs below were climbed before (once per rung)
  for (const from of LOWER.slice(0, LOWER.indexOf(level))) {
    await t.pool.query(
      `INSERT INTO case_escalations (case_id, from_level, to_level, by_kind, reason, at) VALUES ($1, $2, $3, 'auto', '此前升级', now() - interval '2 days')`,
      [id, from, NEXT[from]],
    );
  }
  return id;
}
const makeDue = (id: number) => t.pool.query(`UPDATE cases SET next_due_at = now() - interval '1 minute' WHERE id = $1`, [id]);
const escalate = (id: number, who: 'owner3' | 'owner5', toLevel: CaseLevel) =>
  api(t, w[who]).post(`/my/cases/${id}/escalate`, { toLevel, reason: '到期仍未处理，申请升级' });
const sweep = () => withTx(t.pool, (db) => sweepCases(db));
const tables = (id: number) => ({
  'case_escalations': `case_id = ${id}`,
  'case_events:escalated': `case_id = ${id} AND kind = 'escalated'`,
  'audit_events:escalate': `action = 'case.escalate' AND target_id = '${id}'`,
  'notifications': '',
});

describe('race: one case escalated by its owners and the sweeper at once', () => {
  for (const level of LOWER) {
    it(`owner, follower and ${SWEEPERS} sweepers: a due case at the ${level} climbs exactly one rung, whoever wins (3 rounds)`, async () => {
      const to = NEXT[level]!;
      // ONE escalation by hand and ONE by the sweeper, each on a twin case: the effect to expect
      const twinHand = await dueCase(level);
      await makeDue(twinHand);
      let b = await counts(t.pool, tables(twinHand));
      expect((await escalate(twinHand, 'owner3', to)).statusCode).toBe(200);
      const byHand = delta(b, await counts(t.pool, tables(twinHand)));
      const twinSweep = await dueCase(level);
      await makeDue(twinSweep);
      b = await counts(t.pool, tables(twinSweep));
      expect((await sweep()).escalated).toBe(1);
      const bySweeper = delta(b, await counts(t.pool, tables(twinSweep)));
      expect(byHand).toMatchObject({ case_escalations: 1, 'case_events:escalated': 1, 'audit_events:escalate': 1 });
      expect(bySweeper).toMatchObject({ case_escalations: 1, 'case_events:escalated': 1, 'audit_events:escalate': 1 });

      const winners = { hand: 0, sweeper: 0 };
      for (let round = 0; round < 3; round++) {
        const id = await dueCase(level);
        await makeDue(id);
        const before = await counts(t.pool, tables(id));
        // when the sweepers start: round 0 with the requests (the sweeper usually wins), round 1 once
        // the first request is answered (the hand has won; the sweepers race the losers), round 2
        // once half are answered
        const startAfter = [0, 1, CROWD / 2][round]!;
        let answered = 0;
        let release!: () => void;
        const sweepersGo = new Promise<void>((r) => (release = r));
        if (startAfter === 0) release();
        const requests = crowd(CROWD, (i) => escalate(id, i % 2 ? 'owner5' : 'owner3', to).then((r) => {
          if (++answered === startAfter) release();
          return r;
        }));
        const sweepers = sweepersGo.then(() => crowd(SWEEPERS, () => sweep()));
        const [answers, sweeps] = await Promise.all([requests, sweepers]);
        const swept = sweeps.reduce((n, x) => n + x.escalated, 0);
        expect(answers).toHaveLength(CROWD);
        expect(answers.filter((a) => a.statusCode >= 500).map((a) => a.body)).toEqual([]);
        const ok = answers.filter((a) => a.statusCode === 200);
        for (const a of answers.filter((x) => x.statusCode !== 200)) {
          expect(a.statusCode, a.body).toBe(409);
          expect(a.json().code, a.body).toBe('CASE_ALREADY_ESCALATED');
          expect(a.json().message).toMatch(/^案件已升级至/);
        }
        expect(ok.length + swept, `hand ${ok.length}, sweepers ${swept}`).toBe(1);
        ok.length ? winners.hand++ : winners.sweeper++;
        const esc = await t.pool.query(`SELECT from_level, to_level, by_kind FROM case_escalations WHERE case_id = $1 AND from_level = $2`, [id, level]);
        expect(esc.rows).toEqual([{ from_level: level, to_level: to, by_kind: ok.length ? 'manual' : 'auto' }]);
        const c = await t.pool.query(`SELECT level, state FROM cases WHERE id = $1`, [id]);
        expect(c.rows[0]).toEqual({ level: to, state: 'open' });
        expect(delta(before, await counts(t.pool, tables(id)))).toEqual(ok.length ? byHand : bySweeper);
      }
      expect(winners.hand + winners.sweeper).toBe(3);
      expect(winners.hand, 'round 1 is won by hand').toBeGreaterThanOrEqual(1);
      console.log(JSON.stringify({ race: 'case-escalate', level, rounds: 3, winners }));
    });
  }
});
