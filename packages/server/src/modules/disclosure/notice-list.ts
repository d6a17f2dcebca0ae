import type { NoticePage } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { noticeListQuery } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { containsPattern, Where } from '../registry/query-helpers.ts';
import { publisherKindOf } from './disclosure-party.ts';
import { NOTICE_COLUMNS, toListItem } from './notice-view.ts';

// The notices of the estates in the caller's scope, filtered; drafts only of the caller's own
// publisher kind. Pinned first, then the newest (a draft by when it was written).

export async function listNotices(db: Db, o: { ctx: RequestContext; query: z.infer<typeof noticeListQuery>; now?: Date }): Promise<NoticePage> {
  const { ctx, query: q } = o;
  const now = o.now ?? new Date();
  const w = new Where();
  w.add('n.estate_id = ANY(?::bigint[])', ctx.scope.estateIds);
  if (q.estateId) w.add('n.estate_id = ?', q.estateId);
  if (q.kind) w.add('n.kind = ?', q.kind);
  if (q.state) w.add('n.state = ?', q.state);
  if (q.q) w.add(`(n.title ILIKE ? OR n.publisher_name ILIKE ?)`, containsPattern(q.q), containsPattern(q.q));
  w.add(`(n.state <> 'draft' OR n.publisher_kind = ?)`, publisherKindOf(ctx) ?? '');
  const total = await db.query(`SELECT count(*)::int AS n FROM notices n ${w.sql()}`, w.params);
  const limit = w.param(q.pageSize);
  const offset = w.param((q.page - 1) * q.pageSize);
  const r = await db.query(
    `SELECT ${NOTICE_COLUMNS} FROM notices n JOIN estates e ON e.id = n.estate_id ${w.sql()}
      ORDER BY n.pinned DESC, COALESCE(n.published_at, n.created_at) DESC, n.id DESC LIMIT ${limit} OFFSET ${offset}`,
    w.params,
  );
  return { items: r.rows.map((n) => toListItem(n, now)), total: Number(total.rows[0].n) };
}
