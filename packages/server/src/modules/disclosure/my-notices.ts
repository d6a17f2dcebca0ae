import type { MyNoticePage } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { toMyItem } from './my-notice-view.ts';

// An owner's notices: those of the estates their account is bound in (approved bindings) whose
// audience includes them (or that were sent to them at publication), published or withdrawn,
// never drafts. Unread first, then pinned ones that have not expired, then the newest. The
// audience rule matches notice-read.ts. As /my/meetings, the account's bindings decide, not the
// active role: whoever owns a unit reads what is addressed to it.
// Parameters: $1 the account, $2 an estate to keep to (or null).

export const MY_VISIBLE_NOTICES = `
  SELECT n.id, n.estate_id, n.kind, n.title, n.publisher_name, n.published_at, n.pinned, n.state, n.expires_at,
         n.publicity_start, n.publicity_end, n.corrects_id, r.read_at
    FROM notices n
    LEFT JOIN notice_recipients r ON r.notice_id = n.id AND r.account_id = $1
   WHERE n.state <> 'draft' AND ($2::bigint IS NULL OR n.estate_id = $2)
     AND n.estate_id IN (SELECT b.estate_id FROM bindings b WHERE b.account_id = $1 AND b.status = 'approved')
     AND (r.account_id IS NOT NULL OR n.audience IN ('estate', 'owners')
          OR (n.audience = 'buildings' AND n.building_ids && ARRAY(
                SELECT u.building_id FROM bindings b JOIN units u ON u.id = b.unit_id WHERE b.account_id = $1 AND b.status = 'approved'))
          OR (n.audience = 'units' AND n.unit_ids && ARRAY(
                SELECT b.unit_id FROM bindings b WHERE b.account_id = $1 AND b.status = 'approved')))`;

export async function myNotices(db: Db, o: { ctx: RequestContext; estateId?: number; page: number; pageSize: number; now?: Date }): Promise<MyNoticePage> {
  const { ctx } = o;
  const now = o.now ?? new Date();
  const params = [ctx.accountId, o.estateId ?? null];
  const counts = await db.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE v.read_at IS NULL)::int AS unread FROM (${MY_VISIBLE_NOTICES}) v`,
    params,
  );
  const r = await db.query(
    `SELECT v.*, e.name AS estate_name,
            (SELECT c.id FROM notices c WHERE c.corrects_id = v.id AND c.state <> 'draft') AS corrected_by_id
       FROM (${MY_VISIBLE_NOTICES}) v JOIN estates e ON e.id = v.estate_id
      ORDER BY (v.read_at IS NULL) DESC, (v.pinned AND (v.expires_at IS NULL OR v.expires_at > $3)) DESC, v.published_at DESC, v.id DESC
      LIMIT $4 OFFSET $5`,
    [...params, now, o.pageSize, (o.page - 1) * o.pageSize],
  );
  return { items: r.rows.map((n) => toMyItem(n, now)), total: counts.rows[0].total, unreadCount: counts.rows[0].unread };
}
