import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';

// Response headers that make the browser refuse what this app never does: being framed
// (clickjacking), guessing content types (an uploaded file run as a script), sending the full
// address to other sites, running scripts from anywhere but this origin. The web app has no
// inline script (Vite emits module files), but antd writes its styles at run time: style-src
// needs 'unsafe-inline'. Photo previews use blob: URLs. Nothing is loaded from other origins.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'geolocation=(), microphone=(), camera=(), payment=()');
    // HSTS only where the deployment says it is served over HTTPS (the same switch as secure cookies)
    if (config.secureCookies) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const type = String(reply.getHeader('content-type') ?? '');
    const path = req.routeOptions.url ?? req.url;
    // Swagger UI (/api/docs) ships its own page and styles: it keeps its own policy
    if (type.startsWith('text/html') && !path.startsWith('/api/docs')) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // API answers carry personal data: no shared or browser cache keeps them, unless a route
    // chose its own policy (attachments do)
    if (path.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
