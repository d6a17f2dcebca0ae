import {
  castBallotBody, castBallotResponse, IDEMPOTENCY_HEADER, meetingBallotParams, myBallotsResponse, myReceiptView,
  publicReceiptView, receiptParams,
} from '@gongzhi/contracts';
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../../platform/crypto.ts';
import { SESSION_COOKIE } from '../../platform/auth/session.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { route, type RouteDef } from '../../platform/route.ts';
import { castBallots } from './cast-ballots.ts';
import { myBallots } from './cast-history.ts';
import { myReceipt, publicReceipt } from './receipt-lookup.ts';

// Routes of the meetings module: casting, the caller's ballots, receipts and inclusion proofs.

const tags = ['meetings', 'ballots'];

function idempotencyKey(req: FastifyRequest): string {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  const key = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!key) throw fieldError('headers.idempotency-key', '缺少 Idempotency-Key 请求头：每次提交投票使用一个新的随机编号，重试时保持不变');
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) throw fieldError('headers.idempotency-key', 'Idempotency-Key 应为不超过 200 个可见 ASCII 字符');
  return key;
}

/** For the street officer's monitoring (many ballots from one device): the app's X-Device-Id, else a hash of the User-Agent. */
function deviceOf(req: FastifyRequest): string {
  const id = req.headers['x-device-id'];
  const dev = (Array.isArray(id) ? id[0] : id)?.trim();
  if (dev) return `id:${dev.slice(0, 100)}`;
  return `ua:${sha256Hex(String(req.headers['user-agent'] ?? '')).slice(0, 16)}`;
}

export const ballotRoutes: RouteDef[] = [
  route({
    method: 'POST', url: '/meetings/:id/ballots', permission: 'authenticated', tags,
    summary: 'Cast (or change) ballots for one head on items of an open meeting; header Idempotency-Key required. '
      + 'A replay with the same key and body returns the same receipts; the same key with another body is a 409.',
    schema: { params: meetingBallotParams, body: castBallotBody, response: { 200: castBallotResponse } },
    // written by the group commit (cast-batcher.ts), which manages its own transactions; the
    // request holds no connection while it waits for its batch
    // request holds no connection while it waits for its batch; the batch also authenticates
    // the session, for all its requests in one statement (route.ts deferAuth)
    transaction: false, connection: false, deferAuth: true,
    handler: async ({ ctx, params, body, req, reply, deps }) => {
      try {
        return await castBallots({
          pool: deps.pool, ctx, meetingId: params.id, body, idempotencyKey: idempotencyKey(req), device: deviceOf(req),
          maxBatch: deps.config.castBatchMax, config: deps.config,
        });
      } catch (err) {
        // as the request hook does: a dead session cookie is dropped
        if (err instanceof AppError && err.code === 'SESSION_EXPIRED') reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw err;
      }
    },
  }),
  route({
    method: 'GET', url: '/my/meetings/:id/ballots', permission: 'authenticated', tags,
    summary: "The caller's ballots in a meeting (own heads and those cast as a proxy), history and receipts included",
    schema: { params: meetingBallotParams, response: { 200: myBallotsResponse } },
    handler: ({ db, ctx, params }) => myBallots({ db, ctx, meetingId: params.id }),
  }),
  route({
    method: 'GET', url: '/public/receipts/:receipt', permission: 'public', tags,
    summary: 'Verify a receipt code: in the chain?, standing, and after the tally the Merkle root and inclusion proof (no owner, no choice)',
    schema: { params: receiptParams, response: { 200: publicReceiptView } },
    handler: ({ db, params }) => publicReceipt({ db, receipt: params.receipt }),
  }),
  route({
    method: 'GET', url: '/my/receipts/:receipt', permission: 'authenticated', tags,
    summary: "One of the caller's own receipts with the choice (own heads or cast as a proxy holder)",
    schema: { params: receiptParams, response: { 200: myReceiptView } },
    handler: ({ db, ctx, params }) => myReceipt({ db, ctx, receipt: params.receipt }),
  }),
];
