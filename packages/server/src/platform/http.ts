import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ERROR_CODES } from '@gongzhi/contracts';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RequestContext } from './auth/context.ts';
import { loadContext, SESSION_COOKIE } from './auth/session.ts';
import { withClient, withTx } from './db.ts';
import type { AppDeps } from './deps.ts';
import { sha256Hex } from './crypto.ts';
import { registerCsrfCheck } from './csrf.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { AppError } from './errors.ts';
import { idempotencyScope, runIdempotent } from './idempotency.ts';
import { rejectUnstorableText } from './text-guard.ts';
import type { RouteDef } from './route.ts';

// Zod's own messages in Chinese: the product's default language.
z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export function requestLang(req: FastifyRequest): 'zh' | 'en' {
  const h = String(req.headers['x-lang'] ?? req.headers['accept-language'] ?? '');
  return /^en/i.test(h) ? 'en' : 'zh';
}

/** Builds the whole HTTP app from its route table. */
export async function buildHttpApp(deps: AppDeps, routes: RouteDef[]): Promise<FastifyInstance> {
  const app = Fastify({
    // deps.logStream (tests: the personal-data scan) gets what production logs at its default level
    logger: deps.logStream ? { level: deps.config.logLevel === 'silent' ? 'info' : deps.config.logLevel, stream: deps.logStream }
      : deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // one line per request is noise at the console and costs throughput; errors are still logged
    logController: new LogController({ disableRequestLogging: true }),
    // the router's own refusals in the error shape: a path that is not valid UTF-8 once decoded
    // (400), a path parameter over the router's length limit (414), whatever 4xx it names
    frameworkErrors: (err, req, reply) => {
      const lang = requestLang(req);
      const e = err as { code?: string; statusCode?: number };
      const status = e.code === 'FST_ERR_BAD_URL' ? 400 : e.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        (reply as FastifyReply).status(status).send({ code: 'VALIDATION_FAILED', message: ERROR_CODES.VALIDATION_FAILED[lang], details: { field: 'url' } });
        return;
      }
      req.log.error(err);
      (reply as FastifyReply).status(500).send({ code: 'INTERNAL', message: ERROR_CODES.INTERNAL[lang] });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Gongzhi 共治 API', version: '1' }, servers: [{ url: '/' }] },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((err, req, reply) => {
    const lang = requestLang(req);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext ?? 'body';
      const issues = err.validation.map((v) => ({
        field: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? '',
      }));
      const first = issues[0];
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: first ? `${first.field}: ${first.message}` : ERROR_CODES.VALIDATION_FAILED[lang],
        details: { issues },
      });
    }
    if (err instanceof AppError) {
      const message = lang === 'zh' ? (err.zhMessage ?? ERROR_CODES[err.code].zh) : err.zhMessage ?? ERROR_CODES[err.code].en;
      return reply.status(err.status).send({ code: err.code, message, details: err.details });
    }
    const e = err as { code?: string; statusCode?: number; message?: string };
    if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
      return reply.status(400).send({ code: 'BAD_JSON', message: ERROR_CODES.BAD_JSON[lang], details: { field: 'body' } });
    }
    if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) {
      return reply.status(413).send({ code: 'FILE_REJECTED', message: ERROR_CODES.FILE_REJECTED[lang] });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(e.statusCode).send({ code: 'VALIDATION_FAILED', message: e.message ?? '' });
    }
    req.log.error(err);
    return reply.status(500).send({ code: 'INTERNAL', message: ERROR_CODES.INTERNAL[lang] });
  });

  registerSecurityHeaders(app, deps.config);
  // before the session is loaded: a forged request is refused before it touches anything
  registerCsrfCheck(app, deps.config);
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (req, reply) => {
    // the matched route's pattern (decoded by the router), not the raw URL: see csrf.ts
    if (!(req.routeOptions.url ?? req.url).startsWith('/api/v1/')) return;
    if ((req.routeOptions.config as { deferAuth?: boolean } | undefined)?.deferAuth) {
      // the handler authenticates (route.ts deferAuth): keep only the cookie's hash
      const token = req.cookies[SESSION_COOKIE];
      req.ctx = new RequestContext(req.ip, requestLang(req), null, token ? sha256Hex(token) : null);
      return;
    }
    try {
      req.ctx = await loadContext(deps.pool, deps.config, req.cookies[SESSION_COOKIE], req.ip, requestLang(req));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'SESSION_EXPIRED')) throw err;
      // a dead session cookie is dropped (httpOnly: the browser cannot drop it itself), and it
      // must not stand in the way of public routes such as signing in again
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if ((req.routeOptions.config as { permission?: string } | undefined)?.permission !== 'public') throw err;
      req.ctx = new RequestContext(req.ip, requestLang(req));
    }
  });

  // strings PostgreSQL cannot store (U+0000, lone surrogates) are refused before a handler runs
  app.addHook('preHandler', rejectUnstorableText);
  for (const def of routes) registerRoute(app, deps, def);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  const hasWeb = fs.existsSync(path.join(deps.config.webDistDir, 'index.html'));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: ERROR_CODES.NOT_FOUND[requestLang(req)] });
    }
    // single-page app: any other path gets index.html
    if (hasWeb) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send('web app not built: run `npm run build:web`');
  });
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart
  if (hasWeb) await app.register(fastifyStatic, { root: deps.config.webDistDir, wildcard: true });
  return app;
}

function registerRoute(app: FastifyInstance, deps: AppDeps, def: RouteDef): void {
  const useTx = def.transaction ?? def.method !== 'GET';
  app.route({
    method: def.method,
    url: `/api/v1${def.url}`,
    config: { permission: def.permission, deferAuth: def.deferAuth === true },
    // only the parts a route declares: Fastify warns about keys present but undefined
    schema: Object.fromEntries(
      Object.entries({
        summary: def.summary,
        tags: def.tags,
        params: def.schema.params,
        querystring: def.schema.querystring,
        body: def.multipart ? undefined : def.schema.body,
        response: def.schema.response,
      }).filter(([, v]) => v !== undefined),
    ),
    // authorise before validation: an outsider learns nothing from a 400
    preValidation: async (req) => {
      if (def.permission === 'public') return;
      if (def.deferAuth) {
        if (def.permission !== 'authenticated') throw new Error(`deferAuth needs permission 'authenticated': ${def.url}`);
        if (!req.ctx.sessionIdHash) throw new AppError('UNAUTHENTICATED');
        return;
      }
      if (!req.ctx.authenticated) throw new AppError('UNAUTHENTICATED');
      if (def.permission === 'authenticated') {
        // a password without its second factor reaches only the steps of signing in (not the
        // inbox, not attachments); routes needing a permission refuse it anyway (no active grant)
        if (!req.ctx.mfaPassed && !def.beforeSecondFactor) throw new AppError('MFA_REQUIRED');
        return;
      }
      req.ctx.require(def.permission);
    },
    handler: async (req, reply) => {
      const run = (db: import('./db.ts').Db) =>
        def.handler({ ctx: req.ctx, db, params: req.params, query: req.query, body: req.body, req, reply, deps } as never);
      // optional Idempotency-Key: its row is the first statement of the route's own transaction
      const keyed = idempotencyScope(def, req, useTx);
      const result = def.connection === false ? await run(undefined as never)
        : keyed ? await withTx(deps.pool, (db) => runIdempotent(db, keyed, def, req, reply, run))
        : useTx ? await withTx(deps.pool, run) : await withClient(deps.pool, run);
      if (reply.sent) return reply;
      return result ?? { ok: true };
    },
  });
}
