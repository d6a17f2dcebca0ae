import { IDEMPOTENCY_HEADER } from '@gongzhi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from './crypto.ts';
import type { Db } from './db.ts';
import { AppError, fieldError } from './errors.ts';
import { enqueueJob, type JobHandlers } from './jobs/index.ts';
import type { RouteDef } from './route.ts';

// Generic, optional Idempotency-Key for mutations (issue 7). A client that may retry a request
// (a lost answer, a crash, a flaky phone network) sends a random key; whatever happens, the
// effect happens once and every retry gets the first answer back.
//
// Where the key is written: the FIRST statement of the route's own transaction inserts the key
// row. A concurrent duplicate's INSERT then waits on the unique index (account_id, key) until
// the first transaction ends: if it committed, the duplicate sees the stored answer and replays
// it; if it rolled back, the duplicate runs as if it were first. The answer is written into that
// row before COMMIT, so the effect and its stored answer commit together: a crash loses both or
// neither, and a retry after a crash either replays or runs once.
//
// What applies: routes with a transaction (every non-GET route by default) called by a signed-in
// account. Not:
// - GET routes: reads are idempotent by nature.
// - routes that manage their own transactions (transaction: false), e.g. ballot casting, which
//   has its own required Idempotency-Key (ballot_requests, committed by the group-commit batch);
// - multipart uploads: the body is a stream read by the handler, so neither a hash of it nor a
//   replay is cheap; the header is ignored there (the upload routes create attachments that are
//   only linked by a later JSON request, which can carry a key);
// - anonymous requests and the steps of signing in (public routes such as login and register,
//   and the before-second-factor routes): there is no account to scope the key to (a key shared
//   by strangers would let one read another's answer), and their answer is a cookie, which a
//   stored body cannot replay. The header is ignored; those routes are throttled on their own.
// Scope: per account (not per session): a client that signs in again after a crash and retries
// still finds its key. Keys of two accounts never meet.
// What is stored: the HTTP status and the JSON body the handler returned (before the response
// serializer, which runs again on a replay). A handler that sends its own reply (a file, a
// stream) leaves no storable body: its key row stays with status NULL, and a retry is answered
// 409 CONFLICT rather than doing the work twice.
// Refused requests (any thrown error, 4xx or 5xx) roll the transaction back: no key row, no
// stored answer, and a corrected retry with the same key runs normally.
// Retention: rows older than RETENTION_DAYS are deleted by a daily durable job (below).

export const REPLAYED_HEADER = 'idempotent-replayed';
export const PURGE_JOB = 'platform.idempotency-purge';
/** long enough for a phone that was offline for days to retry; short enough to stay small */
export const RETENTION_DAYS = 7;
const PURGE_CHUNK = 5000;

export interface IdempotencyScope {
  accountId: number;
  key: string;
}

/** The key and its scope when the generic mechanism applies to this request, else null. Throws a
 *  400 for a malformed key (only where it applies: elsewhere the header is ignored). */
export function idempotencyScope(def: RouteDef, req: FastifyRequest, useTx: boolean): IdempotencyScope | null {
  if (!useTx || def.method === 'GET' || def.multipart || def.connection === false) return null;
  if (def.permission === 'public' || def.beforeSecondFactor || def.idempotent === false) return null;
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  const accountId = req.ctx?.accountId ?? null;
  if (accountId === null) return null;
  const key = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw fieldError('headers.idempotency-key', 'Idempotency-Key 应为不超过 200 个可见 ASCII 字符（每个请求一个新的随机编号，重试时保持不变）');
  }
  return { accountId, key };
}

/** JSON with object keys sorted: the same request hashes the same whatever its key order. */
function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`).join(',')}}`;
}

/** The request as validated (params, query, body after zod): what decides the effect. */
export function requestHash(def: RouteDef, req: FastifyRequest): string {
  return sha256Hex(stableJson({ method: def.method, route: def.url, params: req.params, query: req.query, body: req.body }));
}

interface StoredRow { id: number; request_hash: string; status: number | null; response: unknown }

/**
 * Runs `run` inside the route's transaction `db` under the key: the first time it runs and its
 * answer is stored with its effect; afterwards the stored answer is returned (with the header
 * Idempotent-Replayed: true) and nothing runs.
 */
export async function runIdempotent(
  db: Db, scope: IdempotencyScope, def: RouteDef, req: FastifyRequest, reply: FastifyReply, run: (db: Db) => Promise<unknown>,
): Promise<unknown> {
  const hash = requestHash(def, req);
  // first statement of the transaction: a concurrent duplicate blocks here until we end
  const ins = await db.query(
    `INSERT INTO idempotent_requests (account_id, key, method, route, request_hash)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (account_id, key) DO NOTHING RETURNING id`,
    [scope.accountId, scope.key, def.method, def.url, hash],
  );
  if (ins.rows.length === 0) {
    // a new statement: its snapshot sees the row the other transaction committed
    const r = await db.query<StoredRow>(
      'SELECT id, request_hash, status, response FROM idempotent_requests WHERE account_id = $1 AND key = $2',
      [scope.accountId, scope.key],
    );
    const stored = r.rows[0];
    if (!stored) throw new AppError('CONFLICT', { message: '同一请求编号的请求正在处理，请稍后重试' });
    if (stored.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', { message: '该 Idempotency-Key 已用于另一个不同的请求；新的请求请使用新的编号' });
    }
    if (stored.status === null) {
      throw new AppError('CONFLICT', { message: '该请求已执行过，其结果（文件）不能重放；如需再次获取，请重新发起查询' });
    }
    reply.status(stored.status).header(REPLAYED_HEADER, 'true');
    return stored.response;
  }
  const id = Number(ins.rows[0].id);
  const result = (await run(db)) ?? { ok: true };
  if (reply.sent) return result; // a file or stream: status stays NULL (see the header comment)
  await db.query('UPDATE idempotent_requests SET status = $2, response = $3 WHERE id = $1', [
    id, reply.statusCode, JSON.stringify(result),
  ]);
  return result;
}

function dayKey(d: Date): string {
  return `${PURGE_JOB}:${d.toISOString().slice(0, 10)}`;
}

/** Schedules the purge once per day (the day's dedupe key): at server start, and by each run for
 *  the next day. Several instances starting together schedule one. */
export async function ensureIdempotencyPurge(db: Db, now = new Date()): Promise<number | null> {
  return enqueueJob(db, { kind: PURGE_JOB, runAt: now, dedupeKey: dayKey(now) });
}

export const idempotencyJobHandlers: JobHandlers = {
  [PURGE_JOB]: async (db) => {
    const now = new Date();
    // chunked: a backlog never holds one huge delete; the next chunk runs at once
    const r = await db.query(
      `DELETE FROM idempotent_requests WHERE id IN (
         SELECT id FROM idempotent_requests WHERE created_at < now() - make_interval(days => $1) LIMIT $2)`,
      [RETENTION_DAYS, PURGE_CHUNK],
    );
    if ((r.rowCount ?? 0) >= PURGE_CHUNK) {
      await enqueueJob(db, { kind: PURGE_JOB, runAt: now, dedupeKey: `${PURGE_JOB}:more:${now.getTime()}` });
    } else {
      const tomorrow = new Date(now.getTime() + 86_400_000);
      await enqueueJob(db, { kind: PURGE_JOB, runAt: tomorrow, dedupeKey: dayKey(tomorrow) });
    }
  },
};
