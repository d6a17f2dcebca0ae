import type { CastBallotBody, CastBallotResponse } from '@gongzhi/contracts';
import { AUDIT_INSERT_SELECT, buildAuditRows, canonicalJson, type AuditActor, type AuditHead } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import { sha256Hex } from '../../platform/crypto.ts';
import type { Config } from '../../platform/config.ts';
import type { Db, Pool } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { chainBallots, type ChainMeeting, type NewBallot, type WrittenBallot } from './ballot-writer.ts';
import { GroupCommit, type BatchJob } from './cast-batcher.ts';
import { assertVotingOpen, checkCasts, finalError, idempotencyConflict, type CastRequest, type PreparedCast } from './cast-validate.ts';

// Casting online (issue 3): idempotent by (account, Idempotency-Key). A request joins the write
// queue at once (cast-batcher.ts); each batch is checked in one statement (cast-validate.ts
// checkCasts) and written in one transaction: chainBallots + ballot_requests + appendAuditMany.
// Every request is answered after its batch commits (or as soon as it is refused).

interface CastJob extends BatchJob<CastBallotResponse> {
  req: CastRequest;
  config: Config;
  device: string;
  /** set once the batch's check passed it (and authenticated its session) */
  prepared?: PreparedCast;
  actor?: AuditActor;
  accountId?: number;
}

/** The stored answer to an earlier request with this key: a replay, or a 409 for another body. */
async function storedAnswer(db: Db | Pool, accountId: number, key: string, requestHash: string): Promise<CastBallotResponse | null> {
  const r = await db.query('SELECT request_hash, response FROM ballot_requests WHERE account_id = $1 AND idempotency_key = $2', [accountId, key]);
  const row = r.rows[0];
  if (!row) return null;
  if (row.request_hash !== requestHash) throw idempotencyConflict();
  return row.response as CastBallotResponse;
}

export function castRequestHash(meetingId: number, body: CastBallotBody): string {
  return sha256Hex(canonicalJson({ meetingId, voterKey: body.voterKey ?? null, votes: body.votes }));
}

const batchers = new WeakMap<Pool, GroupCommit<CastJob>>();
/** One batcher per app (per pool): tests run several apps in one process. */
export function castBatcherFor(pool: Pool, maxBatch = 256): GroupCommit<CastJob> {
  let b = batchers.get(pool);
  // Seq scans off while the batcher holds its connection: its statements are prepared once per
  // connection, and a plan made while a table was small would otherwise scan it in full on every
  // batch once it has grown (each of them is an index probe per request).
  if (!b) {
    batchers.set(pool, (b = new GroupCommit<CastJob>(pool, (db, jobs) => writeCastBatch(db, pool, jobs), maxBatch, {
      open: 'SET enable_seqscan = off', close: 'RESET enable_seqscan',
    }, (db, jobs) => prepareCastBatch(db, pool, jobs))));
  }
  return b;
}

export async function castBallots(opts: {
  pool: Pool; ctx: RequestContext; meetingId: number; body: CastBallotBody; idempotencyKey: string; device: string;
  /** config.castBatchMax */
  maxBatch?: number;
  /** session timeouts (the batch authenticates) */
  config: Config;
}): Promise<CastBallotResponse> {
  const { pool, ctx, meetingId, body, idempotencyKey } = opts;
  if (!ctx.sessionIdHash) throw new AppError('UNAUTHENTICATED');
  const req: CastRequest = { sid: ctx.sessionIdHash, ip: ctx.ip, meetingId, body, key: idempotencyKey, requestHash: castRequestHash(meetingId, body) };
  // no connection while waiting: the batch authenticates, checks and writes on its own
  return new Promise<CastBallotResponse>((resolve, reject) => {
    castBatcherFor(pool, opts.maxBatch).submit({ resolve, reject, req, config: opts.config, device: opts.device });
  });
}

/** A job that leaves the batch before it is written: settled with this outcome after commit. */
type Exclusion = { kind: 'error'; error: unknown } | { kind: 'stored' };
class ExcludeJobs extends Error {
  constructor(readonly excluded: Map<CastJob, Exclusion>) {
    super('exclude jobs from the batch');
  }
}

/**
 * Writes a batch. Jobs that cannot be written (window closed meanwhile, a first ballot became
 * final meanwhile, the key was stored meanwhile) are taken out and the rest is written again, so
 * one request never fails another. Any other error: each job is retried in its own transaction.
 */
/** The batch's check (cast-validate.ts), on the preparing connection: replays and refusals are
 *  answered at once; the jobs to write come back with what the check established. */
async function prepareCastBatch(db: Db, pool: Pool, all: CastJob[]): Promise<CastJob[]> {
  const { checks, touch, revoke } = await checkCasts(db, pool, all[0]!.config, all.map((j) => j.req), new Date());
  // what the request hook does for a session it reads: touch the idle clock, revoke the expired
  if (touch.length) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = ANY($1::text[])', [touch]);
  if (revoke.length) await db.query('UPDATE sessions SET revoked_at = now() WHERE id_hash = ANY($1::text[]) AND revoked_at IS NULL', [revoke]);
  const jobs: CastJob[] = [];
  checks.forEach((c, i) => {
    const j = all[i]!;
    if (c.kind === 'replay') j.resolve(c.response);
    else if (c.kind === 'error') j.reject(c.error);
    else {
      j.prepared = c.prepared;
      j.actor = c.actor;
      j.accountId = c.actor.accountId!;
      jobs.push(j);
    }
  });
  return jobs;
}

async function writeCastBatch(db: Db, pool: Pool, jobs: CastJob[]): Promise<void> {
  const settled = new Map<CastJob, Exclusion>();
  let pending = dedupeKeys(jobs, settled);
  while (pending.length > 0) {
    try {
      const results = await inTx(db, () => writeJobs(db, pending));
      pending.forEach((j, i) => j.resolve(results[i]!));
      break;
    } catch (err) {
      if (err instanceof ExcludeJobs) {
        for (const [j, why] of err.excluded) settled.set(j, why);
        pending = pending.filter((j) => !err.excluded.has(j));
        continue;
      }
      if (pending.length === 1) {
        for (const j of pending) j.reject(err);
        break;
      }
      // unexpected: isolate it, one transaction per job
      for (const j of pending) await writeCastBatch(db, pool, [j]).catch((e) => j.reject(e));
      pending = [];
    }
  }
  for (const [j, why] of settled) {
    if (why.kind === 'error') j.reject(why.error);
    else storedAnswer(pool, j.accountId!, j.req.key, j.req.requestHash)
      .then((r) => (r ? j.resolve(r) : j.reject(new AppError('CONFLICT', { message: '重复的投票请求未能完成，请重试' }))), j.reject);
  }
}

/** Two requests with the same key in one batch: the first is written, the other answers from it. */
function dedupeKeys(jobs: CastJob[], settled: Map<CastJob, Exclusion>): CastJob[] {
  const first = new Map<string, CastJob>();
  const out: CastJob[] = [];
  for (const j of jobs) {
    const k = `${j.accountId!}|${j.req.key}`;
    if (first.has(k)) settled.set(j, { kind: 'stored' });
    else {
      first.set(k, j);
      out.push(j);
    }
  }
  return out;
}

/** `fn` sends BEGIN itself with its first statements (chainBallots' begin option: a round trip less). */
async function inTx<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  try {
    const r = await fn();
    await db.query('COMMIT');
    return r;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

async function writeJobs(db: Db, jobs: CastJob[]): Promise<CastBallotResponse[]> {
  const excluded = new Map<CastJob, Exclusion>();
  const meetingIds = [...new Set(jobs.map((j) => j.prepared!.meeting.id))].sort((a, b) => a - b);
  const now = new Date();
  const responses = new Map<CastJob, CastBallotResponse>();
  let stored = new Set<string>();
  for (const meetingId of meetingIds) {
    const mine = jobs.filter((j) => j.prepared!.meeting.id === meetingId);
    const ballots: NewBallot[] = [];
    const owner: CastJob[] = [];
    for (const j of mine) {
      for (const v of j.prepared!.votes) {
        ballots.push({
          itemId: v.itemId, voterKey: j.prepared!.grant.voterKey, channel: 'online', choice: v.choice, approvals: v.approvals,
          castByOwnerId: j.prepared!.grant.ownerId, castByAccountId: j.accountId, proxyId: j.prepared!.grant.proxyId,
          castAt: now, clientIp: j.req.ip, device: j.device, refuseIfFinal: true,
        });
        owner.push(j);
      }
    }
    // the meeting may have closed since validation: checked under chainBallots' share lock
    const checkMeeting = (m: ChainMeeting) => {
      try {
        assertVotingOpen({ ...mine[0]!.prepared!.meeting, ...m }, now);
      } catch (error) {
        for (const j of mine) excluded.set(j, { kind: 'error', error });
        throw new ExcludeJobs(excluded);
      }
    };
    const last = meetingId === meetingIds[meetingIds.length - 1];
    const beforeWrite = (written: WrittenBallot[], locked: { auditHead?: AuditHead }) => {
      for (const w of written) {
        const j = owner[w.index]!;
        if (w.status === 'refused') {
          const prev = excluded.get(j);
          const ids = prev?.kind === 'error' && prev.error instanceof AppError ? (prev.error.details as { itemIds: number[] }).itemIds : [];
          excluded.set(j, { kind: 'error', error: finalError([...ids, w.itemId]) });
          continue;
        }
        const resp = responses.get(j) ?? { meetingId, voterKey: j.prepared!.grant.voterKey, receipts: [] };
        // 'overridden': a confirmed paper ballot outranks it (paperOverridesOnline). 'superseded':
        // a later cast of this same batch replaced it; when this request was answered it was current
        resp.receipts.push({
          itemId: w.itemId, receipt: w.receipt!, chainSeq: w.chainSeq!, castAt: w.castAt.toISOString(),
          status: w.status === 'overridden' ? 'overridden' : 'current',
        });
        responses.set(j, resp);
      }
      // a refused cast leaves the batch before anything is written
      if (excluded.size) throw new ExcludeJobs(excluded);
      if (!last) return undefined;
      // the idempotency records and the audit events ride in the last write statement; a key
      // stored meanwhile by another transaction shows as a missing row (ON CONFLICT DO NOTHING)
      const audit = buildAuditRows(locked.auditHead!, jobs.map((j) => ({
        actor: j.actor!,
        input: {
          action: 'ballot.cast', targetType: 'meeting', targetId: j.prepared!.meeting.id, estateId: j.prepared!.meeting.estateId,
          // never the choice: the audit log is read by officials
          summary: { voterKey: j.prepared!.grant.voterKey, via: j.prepared!.grant.via, receipts: responses.get(j)!.receipts.map((r) => ({ itemId: r.itemId, receipt: r.receipt, status: r.status })) },
        },
      })));
      return [{
        sql: (p: (v: unknown) => string) => `INSERT INTO ballot_requests (account_id, idempotency_key, meeting_id, request_hash, response)
          SELECT * FROM unnest(${p(jobs.map((j) => j.accountId!))}::bigint[], ${p(jobs.map((j) => j.req.key))}::text[],
            ${p(jobs.map((j) => j.prepared!.meeting.id))}::bigint[], ${p(jobs.map((j) => j.req.requestHash))}::text[],
            ${p(jobs.map((j) => JSON.stringify(responses.get(j))))}::jsonb[])
          ON CONFLICT DO NOTHING RETURNING account_id, idempotency_key`,
        returned: (rows: Record<string, unknown>[]) => { stored = new Set(rows.map((x) => `${x.account_id}|${x.idempotency_key}`)); },
      }, {
        sql: (p: (v: unknown) => string) => `INSERT INTO audit_events ${AUDIT_INSERT_SELECT(...audit.cols.map((c) => p(c)))}`,
      }];
    };
    await chainBallots(db, meetingId, ballots, { checkMeeting, begin: meetingId === meetingIds[0], beforeWrite, auditLock: last, prepared: true });
  }

  const ordered = jobs.map((j) => responses.get(j)!);
  if (stored.size !== jobs.length) {
    // a key stored by another transaction since validation: those are answered from the stored
    // row, the rest is written again (this transaction is rolled back)
    for (const j of jobs) if (!stored.has(`${j.accountId!}|${j.req.key}`)) excluded.set(j, { kind: 'stored' });
    throw new ExcludeJobs(excluded);
  }
  return ordered;
}
