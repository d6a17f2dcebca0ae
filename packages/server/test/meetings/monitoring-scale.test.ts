import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { addHeads, castBallots } from './monitoring-facts.ts';
import { openMeeting, type OpenedMeeting } from './support.ts';

// The monitoring page over a large estate: 15,000 owners who each voted online, one cluster of
// twenty from a single address. Only correctness is asserted here (the machines are noisy, so
// timings belong in bench/, not in the suite); the time is printed for the reader.

let t: TestApp;
let m: OpenedMeeting;
const N = 15_000;

beforeAll(async () => {
  t = await createTestApp();
  m = await openMeeting(t);
  const keys = await addHeads(t, { meetingId: m.meetingId, estateId: m.estateId, buildingId: m.buildingIds[1]!, building: '2栋', n: N });
  const start = Date.now() - 6 * 86_400_000;
  await castBallots(t, m.meetingId, keys.map((voterKey, i) => {
    const cluster = i >= N - 20;
    return {
      itemId: m.itemIds[0]!,
      voterKey,
      // spread over six days, one address each; the last twenty from one address within two minutes
      castAt: new Date(cluster ? Date.now() - 3600_000 + (i - (N - 20)) * 6000 : start + i * 30_000),
      ip: cluster ? '203.0.113.9' : `100.64.${Math.floor(i / 250)}.${i % 250}`,
      device: cluster ? null : `dev-${i}`,
    };
  }));
}, 180_000);

describe('monitoring at scale', () => {
  it(`street officer: ${N} ballots are examined and flagged and exactly the one cluster is flagged`, async () => {
    const times: number[] = [];
    let body: { ballotsExamined: number; flags: { kind: string; ballotCount: number }[] } | undefined;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.meetingId}/flags`, cookie: m.street.cookie });
      times.push(performance.now() - t0);
      expect(res.statusCode).toBe(200);
      body = res.json();
    }
    const median = [...times].sort((a, b) => a - b)[1]!;
    console.log(`monitoring flags over ${N} ballots: ${times.map((x) => x.toFixed(0)).join(' / ')} ms (median ${median.toFixed(0)} ms)`);
    expect(body!.ballotsExamined).toBe(N);
    expect(body!.flags.map((f) => [f.kind, f.ballotCount])).toEqual([['same_address', 20]]);
  });
});
