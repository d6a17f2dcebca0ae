import { ROLE_PERMISSIONS, type Role } from '@gongzhi/contracts';
import type { LightMyRequestResponse } from 'fastify';
import type { RouteDef } from '../../src/platform/route.ts';
import type { RouteCase } from './route-cases.ts';
import { COMPANY_MARKER, MARKER, reaches, reachesOwn, REGION_MARKER, TARGETS, type Target } from './world.ts';

// What the matrix expects of one (route, role, target) and whether an answer meets it. The
// expectation is computed from the route's declared permission, the role's permission list and
// where the role's grant sits, never from what the server happens to answer.

export type Expectation = 'allow' | 'deny-permission' | 'deny-scope';

export function expectation(route: RouteDef, c: RouteCase, role: Role, asked: Target): Expectation {
  const p = route.permission;
  if (p === 'public') return 'allow';
  if (p !== 'authenticated' && !ROLE_PERMISSIONS[role].includes(p)) return 'deny-permission';
  // whether the target is in the caller's scope: an estate record by where the grant reaches
  // (side A's records out of a department's reach are judged like a foreign estate's); a thing of
  // one's own ('self') only on the own side
  const inScope = c.scope === 'estate' ? estateInScope(c, role, asked, p) : asked === 'own';
  // a holder of the permission whom the use case does not act for: 403 where the record is in
  // their scope, 404 where it is not (existence is checked first and never leaked)
  if (c.roles && !c.roles.includes(role)) return inScope || c.scope === 'none' ? 'deny-permission' : 'deny-scope';
  if (c.scope === 'none') return 'allow';
  return inScope ? 'allow' : 'deny-scope';
}

function estateInScope(c: RouteCase, role: Role, asked: Target, permission: string): boolean {
  if (c.alsoReach?.[asked]?.includes(role)) return true;
  const reachesSide = (t: Target) => reaches(role, t) && (t !== 'own' || reachesOwn(role, permission));
  // estate D's company is company A: whoever reaches estate A reaches it too
  if (c.reach === 'company' && asked === 'company') return reachesSide('own') || reachesSide('company');
  return reachesSide(asked);
}

/** The markers of the sides a role may not see in an answer about `target`. */
export function hiddenMarkers(c: RouteCase, role: Role, target: Target): string[] {
  // a directory of estates by design shows them all
  if (c.directory) return [];
  return TARGETS.filter((t) => !reaches(role, t) && !c.alsoReach?.[t]?.includes(role))
    // the caller named that record itself (a code, a phone): the answer may speak of it
    .filter((t) => !(c.scope === 'none' && t === target))
    .map((t) => MARKER[t]);
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
  // the names of a side out of the caller's reach must never reach them (unless the route is
  // a directory of estates by design, or the caller named that side's record itself)
  const leaked = hiddenMarkers(c, role, target).find((m) => res.body.includes(m));
  if (leaked) {
    return { problem: `shows a side out of scope (${leaked}), status ${s}: ${excerpt(res)}`, unauthorised: is2xx(s) };
  }
  switch (expected) {
    case 'allow': {
      if (!is2xx(s)) return { problem: `expected allow, got ${s}: ${excerpt(res)}`, unauthorised: false };
      const marker = c.shows === 'own' ? MARKER.own : c.shows === 'target' ? MARKER[target]
        : c.shows === 'region' ? REGION_MARKER[target] : c.shows === 'company' ? COMPANY_MARKER[target] : null;
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
