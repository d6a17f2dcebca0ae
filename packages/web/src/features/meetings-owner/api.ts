import { api, ApiError } from '../../app/api.ts';
import { currentLang } from '../../app/i18n.tsx';
import type { CastBallotResponse } from '@gongzhi/contracts';
import type { CastReceipt, CastVote } from './types.ts';

// Casting a ballot. The Idempotency-Key is made once per submission attempt by the caller and
// reused when the same attempt is retried, so a retry after a lost answer never casts twice.

/** a random UUID; crypto.randomUUID needs a secure context, getRandomValues does not */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function castBallots(opts: {
  meetingId: number;
  voterKey?: string;
  votes: CastVote[];
  idempotencyKey: string;
}): Promise<CastReceipt[]> {
  const res = await api<CastBallotResponse>('POST', `/meetings/${opts.meetingId}/ballots`, {
    body: { ...(opts.voterKey ? { voterKey: opts.voterKey } : {}), votes: opts.votes },
    headers: { 'Idempotency-Key': opts.idempotencyKey },
  });
  return res.receipts;
}

/**
 * Whether retrying the same attempt (same key, same body) is the right advice: the answer was
 * lost (network) or the server failed. A 4xx is a definite refusal and is shown as such.
 */
export function isRetryable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429);
}

/** receipt codes are hex digests; accept what people paste (spaces, line breaks, upper case) */
export function cleanReceipt(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}

/** Uploads a file for the meeting's record (the written authorisation of a proxy). */
export async function uploadForMeeting(opts: { file: File; meetingId: number; estateId: number }): Promise<{ id: number }> {
  const form = new FormData();
  // the fields go before the file: the server reads the parts in order
  form.append('recordType', 'meeting');
  form.append('recordId', String(opts.meetingId));
  form.append('estateId', String(opts.estateId));
  form.append('file', opts.file, opts.file.name);
  let res: Response;
  try {
    res = await fetch('/api/v1/attachments', { method: 'POST', credentials: 'same-origin', headers: { 'x-lang': currentLang() }, body: form });
  } catch {
    throw new ApiError(0, 'NETWORK', currentLang() === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络');
  }
  const body = (await res.json().catch(() => ({}))) as { id?: number; code?: string; message?: string; details?: unknown };
  if (!res.ok) throw new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? `上传失败（${res.status}）`, body.details);
  return { id: Number(body.id) };
}
