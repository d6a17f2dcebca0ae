import type { NoticeDetail, NoticeUpdateBody } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { checkDraft } from './notice-input.ts';
import { loadOwnNotice, noticeDetail } from './notice-view.ts';

// Editing and deleting are for drafts only: once published, a notice is withdrawn or corrected,
// never changed or removed (the database refuses it too).

const notDraft = () => new AppError('CONFLICT', { message: '公告已发布，不能修改或删除；如有错误请撤回或发布更正' });

export async function updateNotice(db: Db, o: { ctx: RequestContext; id: number; body: NoticeUpdateBody; now?: Date }): Promise<NoticeDetail> {
  const { ctx, id, body } = o;
  const now = o.now ?? new Date();
  const n = await loadOwnNotice(db, ctx, id);
  if (n.state !== 'draft') throw notDraft();
  const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
  const audience = pick(body.audience, n.audience);
  const d = await checkDraft(db, Number(n.estate_id), {
    kind: pick(body.kind, n.kind), title: pick(body.title, n.title), body: pick(body.body, n.body), audience,
    buildingIds: pick(body.buildingIds, (n.building_ids as unknown[]).map(Number)),
    unitIds: pick(body.unitIds, (n.unit_ids as unknown[]).map(Number)),
    publicityStart: pick(body.publicityStart, n.publicity_start ?? null), publicityEnd: pick(body.publicityEnd, n.publicity_end ?? null),
    expiresAt: pick(body.expiresAt, n.expires_at ? new Date(n.expires_at).toISOString() : null), pinned: pick(body.pinned, n.pinned),
  }, now);
  await db.query(
    `UPDATE notices SET kind = $2, title = $3, body = $4, audience = $5, building_ids = $6, unit_ids = $7, publicity_start = $8,
            publicity_end = $9, expires_at = $10, pinned = $11, updated_at = $12 WHERE id = $1`,
    [id, d.kind, d.title, d.body, d.audience, d.buildingIds, d.unitIds, d.publicityStart, d.publicityEnd, d.expiresAt, d.pinned, now],
  );
  await appendAudit(db, ctx.actor(), {
    action: 'notice.update', targetType: 'notice', targetId: id, estateId: Number(n.estate_id),
    summary: { fields: Object.keys(body).filter((k) => (body as Record<string, unknown>)[k] !== undefined).sort() },
  });
  return noticeDetail(db, ctx, id, now);
}

export async function deleteNotice(db: Db, o: { ctx: RequestContext; id: number }): Promise<{ ok: true }> {
  const { ctx, id } = o;
  const n = await loadOwnNotice(db, ctx, id);
  if (n.state !== 'draft') throw notDraft();
  await db.query(`DELETE FROM notices WHERE id = $1`, [id]);
  await appendAudit(db, ctx.actor(), {
    action: 'notice.delete', targetType: 'notice', targetId: id, estateId: Number(n.estate_id), summary: { title: n.title },
  });
  return { ok: true };
}
