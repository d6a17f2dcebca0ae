import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';

// Cross-site request forgery: the session cookie is SameSite=Lax, so browsers do not send it on
// another site's POST, PUT, PATCH or DELETE. This check is the second wall (old browsers, a
// sibling subdomain counts as "same site" for SameSite): a state-changing API request that a
// browser marks as coming from another origin is refused before anything runs. Browsers send
// Sec-Fetch-Site and Origin on such requests; clients that are not browsers (the CLI, scripts,
// the tests) send neither and are not affected — they cannot be made to carry a victim's cookie.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The reason a request is refused as cross-site, or null when it may go on. */
export function crossSiteReason(req: Pick<FastifyRequest, 'method' | 'headers' | 'host'>, config: Pick<Config, 'allowedOrigins'>): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  // a browser sets Sec-Fetch-Site itself (pages cannot forge it): same-origin is the app's own
  // page, whatever Host a reverse proxy passes on — so no host comparison then
  if (site === 'same-origin' || site === 'none') return null;
  if (typeof site === 'string') {
    if (typeof origin === 'string' && config.allowedOrigins.includes(origin)) return null;
    return `Sec-Fetch-Site: ${site}`;
  }
  // older browsers send only Origin: it must name this host (or a configured origin)
  if (origin === undefined) return null;
  // "null" is what a sandboxed frame or a file: page sends: never this app
  if (origin === 'null') return 'Origin: null';
  let from: URL;
  let own: URL;
  try {
    from = new URL(origin);
    // the request's host read with the origin's scheme, so that a default port (":80", ":443")
    // written on one side and not on the other does not matter; req.host honours
    // X-Forwarded-Host only when trust proxy is on (a proxy we trust set it)
    own = new URL(`${from.protocol}//${req.host}`);
  } catch {
    return 'Origin: malformed';
  }
  if (from.host === own.host) return null;
  if (config.allowedOrigins.includes(origin)) return null;
  return `Origin: ${origin}`;
}

export function registerCsrfCheck(app: FastifyInstance, config: Config): void {
  app.addHook('onRequest', async (req) => {
    // the matched route's pattern, not the raw URL: the router decodes the path ("/%61pi/…" is
    // "/api/…"), a raw prefix test would not
    if (!(req.routeOptions.url ?? req.url).startsWith('/api/')) return;
    const reason = crossSiteReason(req, config);
    if (reason) {
      req.log.warn({ reason, url: req.url }, 'cross-site request refused');
      throw new AppError('CROSS_SITE_REQUEST', { details: { reason } });
    }
  });
}
