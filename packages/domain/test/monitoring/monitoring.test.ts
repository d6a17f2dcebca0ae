import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MONITORING_THRESHOLDS as T, exceedsPercent, monitorMeeting, RULE_PROFILES, type BallotFact, type MeetingFacts,
} from '../../src/index.ts';

// Each rule at its boundary: one short of the threshold raises nothing, the threshold raises the
// flag with exactly the ballots behind it.

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const OPEN = Date.UTC(2026, 10, 1, 0, 0);
const CLOSE = OPEN + 7 * DAY;
const meeting: MeetingFacts = { votingOpensAt: OPEN, votingClosesAt: CLOSE };

let nextId = 1;
function ballot(p: Partial<BallotFact> & { voterKey: string }): BallotFact {
  return {
    ballotId: nextId++, itemId: 1, channel: 'online', status: 'current', castAt: OPEN + DAY,
    clientIp: null, device: null, ...p,
  };
}
/** n heads o1..on voting once each on item 1, `gap` ms apart from `start`. */
const heads = (n: number, p: Partial<BallotFact> & { start?: number; gap?: number } = {}) => {
  const { start = OPEN + DAY, gap = MIN, ...rest } = p;
  return Array.from({ length: n }, (_, i) => ballot({ voterKey: `o${1000 + i}`, castAt: start + i * gap, ...rest }));
};
const kinds = (bs: BallotFact[], extra: Partial<Parameters<typeof monitorMeeting>[0]> = {}) =>
  monitorMeeting({ meeting, ballots: bs, ...extra }).map((f) => f.kind);
const only = (bs: BallotFact[], kind: string, extra: Partial<Parameters<typeof monitorMeeting>[0]> = {}) =>
  monitorMeeting({ meeting, ballots: bs, ...extra }).filter((f) => f.kind === kind);

describe('monitoring thresholds', () => {
  it('are the documented defaults; the proxy threshold is the tally engine\'s', () => {
    expect(T.sameAddress).toEqual({ minOwners: 10, windowMs: 10 * MIN });
    expect(T.sameDevice).toEqual({ minOwners: 5, windowMs: 30 * MIN });
    expect(T.manyProxies.moreThan).toBe(RULE_PROFILES['civil-code-2021'].defaults.proxyFlagThreshold);
    expect(T.paperShare.moreThanPercent).toBe(30);
    expect(T.deadlineBurst).toEqual({ lastMs: 60 * MIN, moreThanPercent: 25, minHeads: 10 });
    expect(T.manyChanges.minChanges).toBe(3);
    expect(T.recentBinding.withinMs).toBe(3 * DAY);
  });
  it('percent comparisons are strict and exact in integers', () => {
    expect(exceedsPercent(3, 10, 30)).toBe(false);
    expect(exceedsPercent(31, 100, 30)).toBe(true);
    expect(exceedsPercent(1, 3, 33)).toBe(true);
    expect(exceedsPercent(0, 0, 30)).toBe(false);
  });
  it('no ballots, no flags', () => {
    expect(monitorMeeting({ meeting, ballots: [] })).toEqual([]);
  });
});

describe('same address', () => {
  it('9 owners from one address within 10 minutes: no flag; 10: flagged with those ballots', () => {
    expect(kinds(heads(9, { clientIp: '1.2.3.4' }))).toEqual([]);
    const bs = heads(10, { clientIp: '1.2.3.4', gap: MIN }); // spans 9 minutes
    const [f] = only(bs, 'same_address');
    expect(f?.subject).toBe('1.2.3.4');
    expect(f?.ballotIds).toEqual(bs.map((b) => b.ballotId));
    expect(f?.voterKeys).toHaveLength(10);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('非法定标准');
  });
  it('10 owners spread over more than 10 minutes: no flag', () => {
    expect(kinds(heads(10, { clientIp: '1.2.3.4', gap: 70_000 }))).toEqual([]); // 10.5 minutes end to end
  });
  it('exactly 10 minutes end to end still counts (window inclusive)', () => {
    const bs = heads(10, { clientIp: '1.2.3.4', gap: 10 * MIN / 9 });
    expect(bs[9]!.castAt - bs[0]!.castAt).toBe(10 * MIN);
    expect(kinds(bs)).toEqual(['same_address']);
  });
  it('one owner voting many items counts as one head; paper ballots are ignored', () => {
    const same = Array.from({ length: 12 }, (_, i) => ballot({ voterKey: 'o1', itemId: i, clientIp: '9.9.9.9' }));
    expect(kinds(same)).toEqual([]);
    expect(only(heads(12, { clientIp: '9.9.9.9', channel: 'paper' }), 'same_address')).toEqual([]);
  });
  it('only the ballots inside a qualifying window are behind the flag', () => {
    const early = ballot({ voterKey: 'o1', clientIp: '5.5.5.5', castAt: OPEN });
    const burst = heads(10, { clientIp: '5.5.5.5', start: OPEN + DAY, gap: 1000 });
    const [f] = only([early, ...burst], 'same_address');
    expect(f?.ballotIds).toEqual(burst.map((b) => b.ballotId));
  });
  it('two addresses are two flags', () => {
    const bs = [...heads(10, { clientIp: '1.1.1.1' }), ...heads(10, { clientIp: '2.2.2.2' })];
    expect(only(bs, 'same_address').map((f) => f.subject)).toEqual(['1.1.1.1', '2.2.2.2']);
  });
});

describe('same device', () => {
  it('4 owners from one device within 30 minutes: none; 5: flagged, high severity, listed first', () => {
    expect(kinds(heads(4, { device: 'dev-a', gap: 7 * MIN }))).toEqual([]);
    const bs = heads(5, { device: 'dev-a', gap: 7 * MIN, clientIp: null });
    const flags = monitorMeeting({ meeting, ballots: [...bs, ...heads(10, { clientIp: '1.1.1.1' })] });
    expect(flags.map((f) => f.kind)).toEqual(['same_device', 'same_address']);
    expect(flags[0]?.severity).toBe('high');
    expect(flags[0]?.subject).toBe('dev-a');
  });
});

describe('many proxies', () => {
  it('a holder for 5 heads: none; for 6: flagged with the ballots cast under the proxies', () => {
    const five = heads(5, { proxyHolder: 'a77' });
    expect(kinds(five)).toEqual([]);
    const six = heads(6, { proxyHolder: 'a77' });
    const [f] = only(six, 'many_proxies');
    expect(f?.subject).toBe('a77');
    expect(f?.ballotIds).toEqual(six.map((b) => b.ballotId));
  });
  it('approved but unused proxies count toward the holder', () => {
    const proxies = Array.from({ length: 6 }, (_, i) => ({ holder: 'a8', voterKey: `o${i}` }));
    const [f] = only([], 'many_proxies', { proxies });
    expect(f?.voterKeys).toHaveLength(6);
    expect(f?.ballotIds).toEqual([]);
  });
});

describe('paper share', () => {
  it('3 of 10 heads on paper (30%): none; 4 of 10: flagged with the paper ballots', () => {
    const online7 = heads(7);
    const paper3 = heads(3, { channel: 'paper' }).map((b, i) => ({ ...b, voterKey: `p${i}` }));
    expect(kinds([...online7, ...paper3])).toEqual([]);
    const online6 = heads(6);
    const paper4 = heads(4, { channel: 'paper' }).map((b, i) => ({ ...b, voterKey: `p${i}` }));
    const [f] = only([...online6, ...paper4], 'paper_share');
    expect(f?.ballotIds).toEqual(paper4.map((b) => b.ballotId));
  });
  it('fewer than 10 voters: no flag, whatever the share', () => {
    expect(kinds(heads(9, { channel: 'paper' }))).toEqual([]);
  });
  it('overridden paper ballots do not count as paper voters', () => {
    const online6 = heads(6);
    const paper4 = heads(4, { channel: 'paper', status: 'overridden' });
    expect(kinds([...online6, ...paper4])).toEqual([]);
  });
});

describe('deadline burst', () => {
  const late = (n: number, prefix: string) =>
    heads(n, { start: CLOSE - 30 * MIN, gap: 2 * MIN }).map((b, i) => ({ ...b, voterKey: `${prefix}${i}` }));
  it('5 of 20 heads in the last hour (25%): none; 6 of 20: flagged with the late ballots', () => {
    expect(kinds([...heads(15), ...late(5, 'l')])).toEqual([]);
    const lateOnes = late(6, 'l');
    const [f] = only([...heads(14), ...lateOnes], 'deadline_burst');
    expect(f?.ballotIds).toEqual(lateOnes.map((b) => b.ballotId));
  });
  it('a ballot 61 minutes before close is not late', () => {
    const early = heads(6, { start: CLOSE - 61 * MIN, gap: 0 }).map((b, i) => ({ ...b, voterKey: `e${i}` }));
    expect(kinds([...heads(14), ...early])).toEqual([]);
  });
});

describe('many changes', () => {
  it('2 changes: none; 3 changes on one item: flagged with that owner\'s ballots', () => {
    const twice = [0, 1, 2].map((i) => ballot({ voterKey: 'o5', castAt: OPEN + i * MIN, status: i === 2 ? 'current' : 'superseded' }));
    expect(kinds(twice)).toEqual([]);
    const thrice = [0, 1, 2, 3].map((i) => ballot({ voterKey: 'o5', castAt: OPEN + i * MIN, status: i === 3 ? 'current' : 'superseded' }));
    const other = ballot({ voterKey: 'o5', itemId: 2 });
    const [f] = only([...thrice, other], 'many_changes');
    expect(f?.voterKeys).toEqual(['o5']);
    expect(f?.ballotIds).toEqual(thrice.map((b) => b.ballotId));
  });
  it('changes spread over items do not add up', () => {
    const bs = [1, 2, 3].flatMap((item) => [ballot({ voterKey: 'o6', itemId: item }), ballot({ voterKey: 'o6', itemId: item })]);
    expect(kinds(bs)).toEqual([]);
  });
});

describe('recent binding', () => {
  it('bound 3 days before opening or later: flagged; earlier, by proxy or on paper: not', () => {
    const old = ballot({ voterKey: 'o1', boundAt: OPEN - 3 * DAY - 1 });
    const edge = ballot({ voterKey: 'o2', boundAt: OPEN - 3 * DAY });
    const during = ballot({ voterKey: 'o3', boundAt: OPEN + DAY });
    const proxy = ballot({ voterKey: 'o4', boundAt: OPEN, proxyHolder: 'a1' });
    const paper = ballot({ voterKey: 'o5', boundAt: OPEN, channel: 'paper' });
    const [f, ...rest] = only([old, edge, during, proxy, paper], 'recent_binding');
    expect(rest).toEqual([]);
    expect(f?.ballotIds).toEqual([edge.ballotId, during.ballotId]);
    expect(f?.voterKeys).toEqual(['o2', 'o3']);
  });
});

describe('thresholds may be overridden per call', () => {
  it('a stricter address rule flags fewer owners', () => {
    const bs = heads(3, { clientIp: '7.7.7.7' });
    expect(kinds(bs)).toEqual([]);
    expect(kinds(bs, { thresholds: { sameAddress: { minOwners: 3, windowMs: 10 * MIN } } })).toEqual(['same_address']);
  });
});
