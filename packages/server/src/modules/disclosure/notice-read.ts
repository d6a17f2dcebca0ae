import type { MyNoticeDetail } from '@gongzhi/contracts';
import { judgeSession, revokeSession, SESSION_COOKIE, type SessionRow } from '../../platform/auth/session.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { iso, toMyItem } from './my-notice-view.ts';

// An owner opens a notice: ONE statement checks the session, finds the notice (an estate the
// account is bound in, not a draft, their audience or a recipient), records the first read and
// returns it with its attachments. This is the hot path of a notice to a whole estate (thousands
// of owners opening it within minutes), so:
//  - the route defers authentication to this statement (route.ts deferAuth): the session lookup
//    and the read are one round trip on one connection instead of two; the session row comes
//    back with the answer and is judged by THE rule (auth/session.ts judgeSession) before any of
//    the answer is used. The statement writes the receipt only for a session alive by the same
//    criteria (revoked, disabled, second factor, idle and absolute timeouts, compared in SQL):
//    at the very edge of a timeout the two clocks may differ by the statement's duration;
//  - who may read is the account's approved bindings (what an owner's scope is made of), not
//    the active role: like /my/meetings, whoever owns a unit reads what is addressed to it;
//  - a named statement (parsed and planned once per connection);
//  - the read receipt is the notice_recipients row (read_at set once, guarded), NOT an audit
//    event: an audit append takes the chain's lock and would serialise every reader;
//  - the receipt's commit does not wait for the WAL flush (synchronous_commit off for this
//    statement's own transaction only, set_config(..., true)): a crash within the WAL writer's
//    delay (well under a second) may lose the latest receipts — those owners are counted when
//    they next open the notice — while the many first readings of an estate-wide notice do not
//    queue on disk flushes. Nothing else is written by this statement;
//  - an owner bound after publication who is in the audience gets a row of their own
//    (at_publication false) and counts from then on.
// The audience rule is the same as my-notices.ts's list.

const READ_SQL = `
  WITH s AS (
    SELECT s.account_id, s.active_grant_id, s.mfa_passed, s.created_at, s.last_seen_at, s.revoked_at,
           a.disabled, g.role, g.scope_kind, g.scope_id, g.revoked_at AS grant_revoked
      FROM sessions s JOIN accounts a ON a.id = s.account_id
      LEFT JOIN role_grants g ON g.id = s.active_grant_id
     WHERE s.id_hash = $1
  ),
  live AS (
    SELECT s.account_id FROM s
     WHERE s.revoked_at IS NULL AND NOT s.disabled AND s.mfa_passed
       AND s.last_seen_at > now() - $3::bigint * interval '1 millisecond'
       AND s.created_at > now() - $4::bigint * interval '1 millisecond'
  ),
  n AS (
    SELECT n.id, n.estate_id, n.kind, n.title, n.body, n.publisher_name, n.published_at, n.pinned, n.state, n.expires_at,
           n.publicity_start, n.publicity_end, n.corrects_id, n.withdraw_reason, n.withdrawn_at, n.correction_reason,
           n.source_type, n.source_id, n.audience, n.building_ids, n.unit_ids, live.account_id AS reader
      FROM live JOIN notices n ON n.id = $2 AND n.state <> 'draft'
     WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL
  ),
  mine AS (
    SELECT u.id, u.building_id FROM n
      JOIN bindings b ON b.account_id = n.reader AND b.estate_id = n.estate_id AND b.status = 'approved'
      JOIN units u ON u.id = b.unit_id
  ),
  ok AS (
    SELECT n.* FROM n
     WHERE EXISTS (SELECT 1 FROM mine)
       AND (n.audience IN ('estate', 'owners')
        OR (n.audience = 'buildings' AND EXISTS (SELECT 1 FROM mine WHERE mine.building_id = ANY(n.building_ids)))
        OR (n.audience = 'units' AND EXISTS (SELECT 1 FROM mine WHERE mine.id = ANY(n.unit_ids)))
        OR EXISTS (SELECT 1 FROM notice_recipients r WHERE r.notice_id = n.id AND r.account_id = n.reader))
  ),
  rec AS (
    INSERT INTO notice_recipients AS r (notice_id, account_id, building_ids, at_publication, read_at)
    SELECT ok.id, ok.reader, ARRAY(SELECT DISTINCT mine.building_id FROM mine ORDER BY 1), false, now() FROM ok
    ON CONFLICT (notice_id, account_id) DO UPDATE SET read_at = now() WHERE r.read_at IS NULL
    RETURNING r.read_at
  )
  SELECT s.*, ok.id, ok.estate_id, ok.kind, ok.title, ok.body, ok.publisher_name, ok.published_at, ok.pinned, ok.state, ok.expires_at,
         ok.publicity_start, ok.publicity_end, ok.corrects_id, ok.withdraw_reason, ok.withdrawn_at, ok.correction_reason,
         ok.source_type, ok.source_id, e.name AS estate_name,
         COALESCE((SELECT rec.read_at FROM rec),
                  (SELECT r.read_at FROM notice_recipients r WHERE r.notice_id = ok.id AND r.account_id = ok.reader)) AS read_at,
         (SELECT c.id FROM notices c WHERE c.corrects_id = ok.id AND c.state <> 'draft') AS corrected_by_id,
         (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'filename', a.filename, 'mime', a.mime, 'sizeBytes', a.size_bytes,
                                                     'createdAt', a.created_at) ORDER BY a.created_at, a.id), '[]'::json)
            FROM attachments a WHERE a.record_type = 'notice' AND a.record_id = ok.id::text) AS attachments
    FROM s LEFT JOIN ok ON true LEFT JOIN estates e ON e.id = ok.estate_id`;

/** The route's context carries only the cookie's hash (deferAuth); refusals as the request hook's. */
export async function readMyNotice(db: Db, o: { ctx: RequestContext; config: Config; id: number; clearCookie: () => void; now?: Date }): Promise<MyNoticeDetail> {
  const { ctx } = o;
  if (!ctx.sessionIdHash) throw new AppError('UNAUTHENTICATED');
  const r = await db.query({
    name: 'disclosure_notice_read',
    text: READ_SQL,
    values: [ctx.sessionIdHash, o.id, o.config.sessionIdleMs, o.config.sessionAbsoluteMs],
  });
  const n = r.rows[0];
  if (!n) throw new AppError('UNAUTHENTICATED');
  const now = o.now ?? new Date();
  const judged = judgeSession(n as SessionRow, o.config, Date.now());
  if (judged.kind === 'expired') {
    if (judged.revoke) await revokeSession(db, ctx.sessionIdHash);
    o.clearCookie();
    throw new AppError('SESSION_EXPIRED');
  }
  if (judged.touch) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [ctx.sessionIdHash]);
  if (!judged.mfaPassed) throw new AppError('MFA_REQUIRED');
  if (n.id == null) throw notFound('公告');
  return {
    ...toMyItem(n, now),
    body: n.body,
    attachments: (n.attachments as { id: number; filename: string; mime: string; sizeBytes: number; createdAt: string }[])
      .map((a) => ({ ...a, createdAt: iso(a.createdAt)! })),
    withdrawReason: n.withdraw_reason ?? null, withdrawnAt: iso(n.withdrawn_at), correctionReason: n.correction_reason ?? null,
    readAt: iso(n.read_at),
    sourceType: n.source_type ?? null, sourceId: n.source_id == null ? null : Number(n.source_id),
  };
}

export { SESSION_COOKIE };
