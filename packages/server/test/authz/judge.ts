import { ROLE_PERMISSIONS, type Role } from '@gongzhi/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { RouteDef } from '../../src/platform/route.ts';
import type { RouteCase } from './route-cases.ts';
import { coversForeign, MARKER, reachesOwn, type Target } from './world.ts';

// What the matrix expects of one (route, role, target) and whether an answer meets it. The
// expectation is computed from the route's declared permission, the role's permission list and
// where the role's grant sits, never from what the server happens to answer.

export type Expectation = 'allow' | 'deny-permission' | 'deny-scope';

export function expectation(route: RouteDef, c: RouteCase, role: Role, asked: Target): Expectation {
  const p = route.permission;
  if (p === 'public') return 'allow';
  if (p !== 'authenticated' && !ROLE_PERMISSIONS[role].includes(p)) return 'deny-permission';
  // side A's estate records out of the role's reach are judged like side B's
  const target: Target = asked === 'own' && c.scope === 'estate' && !reachesOwn(role, p) ? 'foreign' : asked;
  // a holder of the permission whom the use case does not act for: 403 where the record is in
  // their scope, 404 where it is not (existence is checked first and never leaked)
  if (c.roles && !c.roles.includes(role)) return target === 'own' || c.scope === 'none' || coversForeign(role) ? 'deny-permission' : 'deny-scope';
  if (target === 'own' || c.scope === 'none') return 'allow';
  if (c.scope === 'self') return 'deny-scope';
  return coversForeign(role) ? 'allow' : 'deny-scope';
}

const is2xx = (s: number) => s >= 200 && s < 300;
const isJson = (res: LightMyRequestResponse) => String(res.headers['content-type'] ?? '').startsWith('application/json');
const excerpt = (res: LightMyRequestResponse) => (isJson(res) ? res.body.slice(0, 160) : `<${res.headers['content-type']}>`);

/** Why the answer breaks the rules, or null. `unauthorised` marks a 2xx that should not have been. */
export function judge(opts: {
  route: RouteDef;
  c: RouteCase;
  role: Role;
  target: Target;
  expected: Expectation;
  res: LightMyRequestResponse;
}): { problem: string | null; unauthorised: boolean } {
  const { c, role, target, expected, res } = opts;
  const s = res.statusCode;
  if (s >= 500) return { problem: `server error ${s}: ${excerpt(res)}`, unauthorised: false };
  // side B's names must never reach a caller whose scope stops at side A (unless the route
  // is a directory of estates by design, or the caller named the side-B record itself)
  const leakChecked = !coversForeign(role) && !c.directory && !(c.scope === 'none' && target === 'foreign');
  if (leakChecked && res.body.includes(MARKER.foreign)) {
    return { problem: `shows side B (${MARKER.foreign}) out of scope, status ${s}: ${excerpt(res)}`, unauthorised: is2xx(s) };
  }
  switch (expected) {
    case 'allow': {
      if (!is2xx(s)) return { problem: `expected allow, got ${s}: ${excerpt(res)}`, unauthorised: false };
      const marker = c.shows === 'own' ? MARKER.own : c.shows === 'target' ? MARKER[target] : null;
      if (marker && isJson(res) && !res.body.includes(marker)) {
        return { problem: `allowed, but the answer does not show the ${target} records (${marker}): ${excerpt(res)}`, unauthorised: false };
      }
      return { problem: null, unauthorised: false };
    }
    case 'deny-permission':
      if (s === 403) return { problem: null, unauthorised: false };
      return { problem: `expected 403 (no permission), got ${s}: ${excerpt(res)}`, unauthorised: is2xx(s) };
    case 'deny-scope':
      // a list may answer out of scope with an empty page: the leak check above keeps it honest
      if (is2xx(s)) return c.list ? { problem: null, unauthorised: false } : { problem: `out of scope, yet ${s}: ${excerpt(res)}`, unauthorised: true };
      // 404: the record does not exist for the caller; 400: a referenced record "does not exist"
      if (s === 404 || s === 400) return { problem: null, unauthorised: false };
      return { problem: `expected 404 (out of scope), got ${s}: ${excerpt(res)}`, unauthorised: false };
  }
}
