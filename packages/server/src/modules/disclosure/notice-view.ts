import type { NoticeDetail, NoticeListItem } from '@gongzhi/contracts';
import {
  coverageBp, NOTICE_AUDIENCE_LABELS, NOTICE_KIND_LABELS, noticeActions, noticeStateLabel,
  type NoticeAudience, type NoticeKind, type NoticePublisherKind, type NoticeState,
} from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { naturalOrder } from '../registry/query-helpers.ts';
import { publisherKindOf } from './disclosure-party.ts';
import { isExpired, iso } from './my-notice-view.ts';

// One notice as officials see it: the row with its estate, read counts and the correction that
// supersedes it. Every official read and every publisher action loads it through here, so the
// scope rule is written once: the estate must be in the caller's scope, and a draft exists only
// for the publisher kind that wrote it (a draft is not yet anyone else's business).

export const NOTICE_COLUMNS = `
  n.*, e.name AS estate_name,
  (SELECT count(*) FROM notice_recipients r WHERE r.notice_id = n.id)::int AS recipients,
  (SELECT count(*) FROM notice_recipients r WHERE r.notice_id = n.id AND r.read_at IS NOT NULL)::int AS read_count,
  (SELECT c.id FROM notices c WHERE c.corrects_id = n.id AND c.state <> 'draft') AS corrected_by_id`;

export type NoticeRow = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const num = (v: unknown): number | null => (v == null ? null : Number(v));

/** A notice the caller may see as an official (404 otherwise); `forUpdate` locks the row. */
export async function loadNotice(db: Db, ctx: RequestContext, id: number, opts: { forUpdate?: boolean } = {}): Promise<NoticeRow> {
  const r = await db.query(
    `SELECT ${NOTICE_COLUMNS} FROM notices n JOIN estates e ON e.id = n.estate_id WHERE n.id = $1${opts.forUpdate ? ' FOR UPDATE OF n' : ''}`,
    [id],
  );
  const n = r.rows[0];
  if (!n) throw notFound('公告');
  ctx.assertEstate(Number(n.estate_id), '公告');
  if (n.state === 'draft' && n.publisher_kind !== publisherKindOf(ctx)) throw notFound('公告');
  return n;
}

/** The notice, for an action only its publisher kind may take (403 for another official body). */
export async function loadOwnNotice(db: Db, ctx: RequestContext, id: number): Promise<NoticeRow> {
  const n = await loadNotice(db, ctx, id, { forUpdate: true });
  if (n.publisher_kind !== publisherKindOf(ctx)) {
    throw new AppError('FORBIDDEN', { message: '只有发布该公告的单位可以执行此操作' });
  }
  return n;
}

export function toListItem(n: NoticeRow, now: Date): NoticeListItem {
  const correctedById = num(n.corrected_by_id);
  return {
    id: Number(n.id), estateId: Number(n.estate_id), estateName: String(n.estate_name),
    kind: n.kind, kindLabel: NOTICE_KIND_LABELS[n.kind as NoticeKind], title: n.title,
    publisherKind: n.publisher_kind, publisherName: n.publisher_name,
    state: n.state, stateLabel: noticeStateLabel(n.state as NoticeState, correctedById), pinned: Boolean(n.pinned),
    publishedAt: iso(n.published_at), expiresAt: iso(n.expires_at), expired: isExpired(n, now),
    publicityStart: n.publicity_start ?? null, publicityEnd: n.publicity_end ?? null,
    recipientCount: Number(n.recipients), readCount: Number(n.read_count), readPctBp: coverageBp(Number(n.read_count), Number(n.recipients)),
    correctsId: num(n.corrects_id), correctedById,
    sourceType: n.source_type ?? null, sourceId: num(n.source_id),
  };
}

/** Attachments of a notice (recordType `notice`), oldest first. */
export async function noticeAttachments(db: Db, noticeId: number): Promise<NoticeDetail['attachments']> {
  const r = await db.query(
    `SELECT id, filename, mime, size_bytes, created_at FROM attachments WHERE record_type = 'notice' AND record_id = $1 ORDER BY created_at, id`,
    [String(noticeId)],
  );
  return r.rows.map((a) => ({ id: Number(a.id), filename: a.filename, mime: a.mime, sizeBytes: Number(a.size_bytes), createdAt: iso(a.created_at)! }));
}

export async function toDetail(db: Db, ctx: RequestContext, n: NoticeRow, now: Date): Promise<NoticeDetail> {
  const buildingIds = (n.building_ids as unknown[]).map(Number);
  const buildings = buildingIds.length
    ? (await db.query(`SELECT id, name FROM buildings WHERE id = ANY($1::bigint[]) ORDER BY ${naturalOrder('name')}, id`, [buildingIds])).rows
      .map((b) => ({ id: Number(b.id), name: String(b.name) }))
    : [];
  const attachments = await noticeAttachments(db, Number(n.id));
  const item = toListItem(n, now);
  return {
    ...item,
    body: n.body, audience: n.audience, audienceLabel: NOTICE_AUDIENCE_LABELS[n.audience as NoticeAudience],
    buildingIds, unitIds: (n.unit_ids as unknown[]).map(Number), buildings,
    withdrawReason: n.withdraw_reason ?? null, withdrawnAt: iso(n.withdrawn_at),
    correctionReason: n.correction_reason ?? null,
    lastRemindedAt: iso(n.last_reminded_at),
    attachments,
    availableActions: noticeActions({
      state: n.state, publisherKind: n.publisher_kind as NoticePublisherKind, callerKind: publisherKindOf(ctx),
      pinned: Boolean(n.pinned), correctedById: item.correctedById, sourced: n.source_type != null,
      lastRemindedAt: n.last_reminded_at ? new Date(n.last_reminded_at) : null, now,
    }),
  };
}

/** The detail of notice `id` as the caller sees it now (after a change, from the same transaction). */
export async function noticeDetail(db: Db, ctx: RequestContext, id: number, now = new Date()): Promise<NoticeDetail> {
  return toDetail(db, ctx, await loadNotice(db, ctx, id), now);
}
