import type { MyNoticeDetail } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { iso, toMyItem } from './my-notice-view.ts';

// An owner opens a notice: one statement finds it (their estate, not a draft, their audience or
// a recipient), records the first read and returns it with its attachments. This is the hot
// path of a notice to a whole estate (thousands of owners opening it within minutes), so:
//  - one round trip, a named statement (parsed and planned once per connection);
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
  WITH n AS (
    SELECT n.id, n.estate_id, n.kind, n.title, n.body, n.publisher_name, n.published_at, n.pinned, n.state, n.expires_at,
           n.publicity_start, n.publicity_end, n.corrects_id, n.withdraw_reason, n.withdrawn_at, n.correction_reason,
           n.audience, n.building_ids, n.unit_ids
      FROM notices n WHERE n.id = $1 AND n.estate_id = ANY($3::bigint[]) AND n.state <> 'draft'
       AND set_config('synchronous_commit', 'off', true) IS NOT NULL
  ),
  mine AS (SELECT u.id, u.building_id FROM n JOIN units u ON u.id = ANY($4::bigint[]) AND u.estate_id = n.estate_id),
  ok AS (
    SELECT n.* FROM n
     WHERE n.audience IN ('estate', 'owners')
        OR (n.audience = 'buildings' AND EXISTS (SELECT 1 FROM mine WHERE mine.building_id = ANY(n.building_ids)))
        OR (n.audience = 'units' AND EXISTS (SELECT 1 FROM mine WHERE mine.id = ANY(n.unit_ids)))
        OR EXISTS (SELECT 1 FROM notice_recipients r WHERE r.notice_id = n.id AND r.account_id = $2)
  ),
  rec AS (
    INSERT INTO notice_recipients AS r (notice_id, account_id, building_ids, at_publication, read_at)
    SELECT ok.id, $2, ARRAY(SELECT DISTINCT mine.building_id FROM mine ORDER BY 1), false, now() FROM ok
    ON CONFLICT (notice_id, account_id) DO UPDATE SET read_at = now() WHERE r.read_at IS NULL
    RETURNING r.read_at
  )
  SELECT ok.*, e.name AS estate_name,
         COALESCE((SELECT rec.read_at FROM rec),
                  (SELECT r.read_at FROM notice_recipients r WHERE r.notice_id = ok.id AND r.account_id = $2)) AS read_at,
         (SELECT c.id FROM notices c WHERE c.corrects_id = ok.id AND c.state <> 'draft') AS corrected_by_id,
         (SELECT COALESCE(json_agg(json_build_object('id', a.id, 'filename', a.filename, 'mime', a.mime, 'sizeBytes', a.size_bytes,
                                                     'createdAt', a.created_at) ORDER BY a.created_at, a.id), '[]'::json)
            FROM attachments a WHERE a.record_type = 'notice' AND a.record_id = ok.id::text) AS attachments
    FROM ok JOIN estates e ON e.id = ok.estate_id`;

export async function readMyNotice(db: Db, o: { ctx: RequestContext; id: number; now?: Date }): Promise<MyNoticeDetail> {
  const { ctx } = o;
  const r = await db.query({
    name: 'disclosure_notice_read',
    text: READ_SQL,
    values: [o.id, ctx.accountId, ctx.scope.estateIds, ctx.scope.unitIds ?? []],
  });
  const n = r.rows[0];
  if (!n) throw notFound('公告');
  const now = o.now ?? new Date();
  return {
    ...toMyItem(n, now),
    body: n.body,
    attachments: (n.attachments as { id: number; filename: string; mime: string; sizeBytes: number; createdAt: string }[])
      .map((a) => ({ ...a, createdAt: iso(a.createdAt)! })),
    withdrawReason: n.withdraw_reason ?? null, withdrawnAt: iso(n.withdrawn_at), correctionReason: n.correction_reason ?? null,
    readAt: iso(n.read_at),
  };
}
