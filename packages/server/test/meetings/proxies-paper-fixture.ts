import crypto from 'node:crypto';
import type { Role } from '@gongzhi/contracts';
import { signedInAs, uniquePhone } from '../support/factories.ts';
import { multipart } from '../support/multipart.ts';
import type { TestApp } from '../support/test-app.ts';
import type { Signed } from './support.ts';

// Helpers of the proxy and paper-ballot tests (on top of the shared meetings helper support.ts).

export const api = (t: TestApp, method: string, url: string, who: { cookie: string } | null, body?: unknown, headers?: Record<string, string>) =>
  t.request({ method, url: `/api/v1${url}`, cookie: who?.cookie, body, headers });

const PNG = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(48)]);

/** Uploads a scan (PNG) through the API as `who`, for the meeting's record; returns its id. */
export async function upload(t: TestApp, who: Signed, estateId: number, meetingId: number, name = '委托书.png'): Promise<number> {
  const m = multipart({ recordType: 'meeting', recordId: String(meetingId), estateId: String(estateId) }, { name, type: 'image/png', data: PNG() });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/attachments', payload: m.payload, headers: { ...m.headers, cookie: who.cookie } });
  if (res.statusCode !== 200) throw new Error(`upload failed ${res.statusCode}: ${res.body}`);
  return res.json().id;
}

/** A registered account with a phone (a would-be proxy holder), signed in with `role`. */
export async function accountWithPhone(t: TestApp, role: Role = 'owner', scopeId: number | null = null): Promise<Signed & { phone: string }> {
  const s = await signedInAs(t, { role, scopeId });
  const phone = uniquePhone();
  await t.pool.query('UPDATE accounts SET phone = $2 WHERE id = $1', [s.accountId, phone]);
  return { accountId: s.accountId, cookie: s.cookie, phone };
}

/** Counts rows: what a refused request must leave unchanged. */
export async function counts(t: TestApp, meetingId: number) {
  const r = await t.pool.query(
    `SELECT (SELECT count(*) FROM meeting_proxies WHERE meeting_id = $1)::int AS proxies,
            (SELECT count(*) FROM meeting_paper_sheets WHERE meeting_id = $1)::int AS sheets,
            (SELECT count(*) FROM ballots WHERE meeting_id = $1)::int AS ballots,
            (SELECT count(*) FROM audit_events)::int AS audit`,
    [meetingId],
  );
  return r.rows[0] as { proxies: number; sheets: number; ballots: number; audit: number };
}

export async function auditActions(t: TestApp, targetType: string, targetId: number): Promise<string[]> {
  const r = await t.pool.query('SELECT action FROM audit_events WHERE target_type = $1 AND target_id = $2 ORDER BY seq', [targetType, String(targetId)]);
  return r.rows.map((x) => x.action);
}

/** The current ballots of a voter key in a meeting, by item. */
export async function currentBallots(t: TestApp, meetingId: number, voterKey: string) {
  const r = await t.pool.query(
    `SELECT item_id, channel, choice, approvals, proxy_id, cast_by_account_id, receipt FROM ballots
      WHERE meeting_id = $1 AND voter_key = $2 AND status = 'current' ORDER BY item_id`,
    [meetingId, voterKey],
  );
  return r.rows.map((x) => ({ ...x, item_id: Number(x.item_id), proxy_id: x.proxy_id == null ? null : Number(x.proxy_id) }));
}
