import { AppError } from '../errors.ts';

// A small in-memory sliding-window limiter: at most `limit` hits per key within `windowMs`.
// It guards password and code guessing per client address on one server instance; the per-account
// lockout and the per-phone code interval live in the database and hold across instances.

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a hit; false when the key is already over its limit (the hit is then not counted). */
  tryHit(key: string): boolean {
    const t = this.now();
    this.sweep(t);
    const recent = (this.hits.get(key) ?? []).filter((x) => t - x < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(key, recent);
    return true;
  }

  /** Throws RATE_LIMITED when the key is over its limit. */
  hit(key: string): void {
    if (!this.tryHit(key)) throw new AppError('RATE_LIMITED');
  }

  // drop stale keys now and then so an address scan cannot grow the map without bound
  private sweep(t: number): void {
    if (t - this.lastSweep < this.windowMs) return;
    this.lastSweep = t;
    for (const [k, v] of this.hits) if (v.every((x) => t - x >= this.windowMs)) this.hits.delete(k);
  }
}

/** Login, code and code-request attempts per client address: 20 a minute. */
export const LOGIN_ATTEMPTS_PER_IP = { limit: 20, windowMs: 60_000 };

// Limiters live per app instance (keyed by its deps object), so that test apps do not share counts.
const limiters = new WeakMap<object, Map<string, SlidingWindowLimiter>>();

export function limiterFor(owner: object, name: string, spec: { limit: number; windowMs: number }): SlidingWindowLimiter {
  let byName = limiters.get(owner);
  if (!byName) limiters.set(owner, (byName = new Map()));
  let l = byName.get(name);
  if (!l) byName.set(name, (l = new SlidingWindowLimiter(spec.limit, spec.windowMs)));
  return l;
}

/** The per-address limiter shared by password login, code login, code requests and MFA codes. */
export const ipThrottle = (owner: object) => limiterFor(owner, 'auth-ip', LOGIN_ATTEMPTS_PER_IP);
