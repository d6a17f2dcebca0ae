import type { NoticeCreateBody, NoticeDetail } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { publisherKindOf, publisherName } from './disclosure-party.ts';
import { checkDraft } from './notice-input.ts';
import { noticeDetail } from './notice-view.ts';

// A draft notice of an estate, spoken by the caller's body (the company, the committee, the
// community, the street office or the district bureau). Nothing reaches owners until it is published.

export async function createNotice(db: Db, o: { ctx: RequestContext; estateId: number; body: NoticeCreateBody; now?: Date }): Promise<NoticeDetail> {
  const { ctx, estateId } = o;
  const now = o.now ?? new Date();
  ctx.assertEstate(estateId, '小区');
  const kind = publisherKindOf(ctx);
  if (!kind) throw new AppError('FORBIDDEN');
  const d = await checkDraft(db, estateId, {
    kind: o.body.kind, title: o.body.title, body: o.body.body ?? '', audience: o.body.audience,
    buildingIds: o.body.buildingIds, unitIds: o.body.unitIds,
    publicityStart: o.body.publicityStart ?? null, publicityEnd: o.body.publicityEnd ?? null,
    expiresAt: o.body.expiresAt ?? null, pinned: o.body.pinned ?? false,
  }, now);
  const name = await publisherName(db, ctx, kind, estateId);
  const r = await db.query(
    `INSERT INTO notices (estate_id, kind, title, body, audience, building_ids, unit_ids, publisher_kind, publisher_name,
                          pinned, publicity_start, publicity_end, expires_at, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
    [estateId, d.kind, d.title, d.body, d.audience, d.buildingIds, d.unitIds, kind, name, d.pinned, d.publicityStart, d.publicityEnd,
      d.expiresAt, ctx.accountId, now],
  );
  const id = Number(r.rows[0].id);
  await appendAudit(db, ctx.actor(), {
    action: 'notice.create', targetType: 'notice', targetId: id, estateId,
    summary: { kind: d.kind, title: d.title, audience: d.audience, publisherKind: kind },
  });
  return noticeDetail(db, ctx, id, now);
}
