import { describe, expect, it } from 'vitest';
import { limiterFor, SlidingWindowLimiter } from '../../src/platform/auth/ip-throttle.ts';

describe('platform: sliding-window limiter', () => {
  it('allows `limit` hits per window per key, and again once old hits slide out', () => {
    let now = 0;
    const l = new SlidingWindowLimiter(3, 1000, () => now);
    expect([l.tryHit('a'), l.tryHit('a'), l.tryHit('a'), l.tryHit('a')]).toEqual([true, true, true, false]);
    expect(l.tryHit('b')).toBe(true);
    now = 999;
    expect(l.tryHit('a')).toBe(false);
    now = 1000; // the first three hits (t=0) are now outside the window
    expect(l.tryHit('a')).toBe(true);
    expect(() => { l.hit('a'); l.hit('a'); l.hit('a'); }).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
  });

  it('keeps separate counts per app instance', () => {
    const a = {};
    const b = {};
    const spec = { limit: 1, windowMs: 60_000 };
    expect(limiterFor(a, 'x', spec).tryHit('k')).toBe(true);
    expect(limiterFor(a, 'x', spec).tryHit('k')).toBe(false);
    expect(limiterFor(b, 'x', spec).tryHit('k')).toBe(true);
  });
});
