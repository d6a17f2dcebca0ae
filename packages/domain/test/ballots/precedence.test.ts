import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ballotSupersedes, precedenceOutcome, RULE_PROFILES, type Channel, type PrecedenceOptions } from '../../src/index.ts';
import { resolveBallots } from '../../src/tally/ballots.ts';
import { buildRoster } from '../../src/tally/heads.ts';
import { rec } from '../tally/build.ts';

const online = { channel: 'online' as const };
const paper = { channel: 'paper' as const };
const opts = (o: Partial<PrecedenceOptions> = {}): PrecedenceOptions => ({
  paperOverridesOnline: false, ballotPrecedence: 'last', allowChange: true, ...o,
});

describe('ballotSupersedes', () => {
  it('default (online wins, last): online replaces paper, paper never replaces online, a later online replaces online', () => {
    expect(ballotSupersedes(paper, online, opts())).toBe(true);
    expect(ballotSupersedes(online, paper, opts())).toBe(false);
    expect(ballotSupersedes(online, online, opts())).toBe(true);
    expect(ballotSupersedes(paper, paper, opts())).toBe(true);
  });
  it('paperOverridesOnline: paper replaces online, online never replaces paper', () => {
    expect(ballotSupersedes(online, paper, opts({ paperOverridesOnline: true }))).toBe(true);
    expect(ballotSupersedes(paper, online, opts({ paperOverridesOnline: true }))).toBe(false);
  });
  it("'first' and allow_change=false keep the first ballot of a channel", () => {
    expect(ballotSupersedes(online, online, opts({ ballotPrecedence: 'first' }))).toBe(false);
    expect(ballotSupersedes(online, online, opts({ allowChange: false }))).toBe(false);
    // the channel rule still applies: a final paper ballot yields to an online one (online wins)
    expect(ballotSupersedes(paper, online, opts({ allowChange: false }))).toBe(true);
  });
});

describe('precedenceOutcome', () => {
  it('names what happens to both ballots', () => {
    expect(precedenceOutcome(null, online, opts())).toEqual({ incoming: 'current', existing: null });
    expect(precedenceOutcome(online, online, opts())).toEqual({ incoming: 'current', existing: 'superseded' });
    expect(precedenceOutcome(paper, online, opts())).toEqual({ incoming: 'current', existing: 'overridden' });
    expect(precedenceOutcome(online, paper, opts())).toEqual({ incoming: 'overridden', existing: 'current', reason: 'channel' });
    expect(precedenceOutcome(online, online, opts({ allowChange: false }))).toEqual({ incoming: 'overridden', existing: 'current', reason: 'final' });
  });

  it("property: the ballot left current is the one the tally engine's resolveBallots picks from the whole history", () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom<Channel>('online', 'paper'), { minLength: 1, maxLength: 12 }),
      fc.boolean(), fc.constantFrom<'first' | 'last'>('first', 'last'),
      (channels, paperOverridesOnline, ballotPrecedence) => {
        const o = opts({ paperOverridesOnline, ballotPrecedence });
        let current = -1;
        channels.forEach((channel, i) => {
          if (current < 0 || precedenceOutcome({ channel: channels[current]! }, { channel }, o).incoming === 'current') current = i;
        });
        const record = rec({
          units: [{ unit: 'u1', owner: 'A', area: '100.00' }],
          ballots: channels.map((channel, i) => ({ owner: 'A', choice: 'yes', channel, seq: i + 1 })),
          options: { paperOverridesOnline, ballotPrecedence },
        });
        const options = { ...RULE_PROFILES['civil-code-2021'].defaults, paperOverridesOnline, ballotPrecedence };
        const { standing } = resolveBallots(record.ballots, buildRoster(record, options), RULE_PROFILES['civil-code-2021'], options);
        return standing.get('A')?.ballotIndex === current;
      },
    ), { numRuns: 300 });
  });
});
