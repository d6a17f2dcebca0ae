import type { Permission } from '@gongzhi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { RequestContext } from './auth/context.ts';
import type { Db } from './db.ts';
import type { AppDeps } from './deps.ts';

// Every route is declared as data: method, url, the permission it needs, its zod schemas and a
// thin handler. The HTTP layer registers them; the authorisation matrix test walks the same list.

type ZodAny = z.ZodType;
type Infer<T> = T extends ZodAny ? z.infer<T> : undefined;

export interface RouteSchemas {
  params?: ZodAny;
  querystring?: ZodAny;
  body?: ZodAny;
  response?: Record<number, ZodAny>;
}

export interface HandlerArgs<S extends RouteSchemas> {
  ctx: RequestContext;
  /** a transaction for mutations (method other than GET), a pooled connection for reads */
  db: Db;
  params: Infer<S['params']>;
  query: Infer<S['querystring']>;
  body: Infer<S['body']>;
  req: FastifyRequest;
  reply: FastifyReply;
  deps: AppDeps;
}

export interface RouteDef<S extends RouteSchemas = RouteSchemas> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string; // relative to /api/v1
  /** 'public': no session needed; 'authenticated': any signed-in account, whatever its role */
  permission: Permission | 'public' | 'authenticated';
  summary: string;
  tags?: string[];
  schema: S;
  /** default: true for every method but GET. False for handlers that manage their own transactions. */
  transaction?: boolean;
  /** false: the handler is given no connection (`db` is undefined) and takes one from deps.pool
   *  when it needs one. For handlers that wait for others (the ballot group commit) without
   *  holding a pooled connection meanwhile. */
  connection?: false;
  /** multipart uploads: the body is not JSON and is read by the handler */
  multipart?: boolean;
  /** 'authenticated' routes that are steps of signing in (me, second factor, logout): they answer a
   *  session whose second factor is still pending. Every other route refuses such a session. */
  beforeSecondFactor?: boolean;
  /** The handler authenticates the session itself, many requests in one statement (casting's
   *  write batch checks its requests' sessions together): no session lookup per request. Only
   *  with permission 'authenticated'. `ctx` is then anonymous and carries only the cookie's
   *  `sessionIdHash`; the handler must refuse as the hook would (auth/session.ts judgeSession:
   *  401 UNAUTHENTICATED / SESSION_EXPIRED / MFA_REQUIRED). A request without a cookie is still
   *  refused before validation. */
  deferAuth?: boolean;
  /** false: the generic Idempotency-Key is ignored (platform/idempotency.ts): for answers that
   *  must not be stored or replayed without running again — a revealed ID number is audited on
   *  every reveal and must never sit in plain text in idempotent_requests. */
  idempotent?: false;
  handler: (args: HandlerArgs<S>) => Promise<unknown>;
}

/** Identity helper that keeps the handler's argument types inferred from the schemas. */
export function route<S extends RouteSchemas>(def: RouteDef<S>): RouteDef<S> {
  return def;
}
