import type { NoticeDetail } from '@gongzhi/contracts';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertAction } from './notice-actions.ts';
import { publishNotice } from './notice-publish.ts';
import { loadOwnNotice, noticeDetail } from './notice-view.ts';

// A correction (更正) is a new published notice: same estate, kind, audience and publisher, new
// title and body, corrects_id pointing at the original, with the reason. The original stays as it
// was (shown as 已更正, linking to the correction); a pin moves to the correction.

export async function correctNotice(db: Db, o: { ctx: RequestContext; id: number; title: string; body: string; reason: string; now?: Date }): Promise<NoticeDetail> {
  const { ctx } = o;
  const n = await loadOwnNotice(db, ctx, o.id);
  // the time is read once the notice's row lock is held, so the recorded times follow the order in
  // which concurrent actions really happened (a withdrawal that waited for this correction is later)
  const now = o.now ?? new Date();
  assertAction(ctx, n, 'correct', now);
  const r = await db.query(
    `INSERT INTO notices (estate_id, kind, title, body, audience, building_ids, unit_ids, publisher_kind, publisher_name,
                          pinned, publicity_start, publicity_end, expires_at, corrects_id, correction_reason, created_by, created_at, updated_at)
     SELECT estate_id, kind, $2, $3, audience, building_ids, unit_ids, publisher_kind, publisher_name,
            pinned, publicity_start, publicity_end, expires_at, id, $4, $5, $6, $6
       FROM notices WHERE id = $1 RETURNING id`,
    [o.id, o.title, o.body, o.reason, ctx.accountId, now],
  );
  const newId = Number(r.rows[0].id);
  if (n.pinned) await db.query(`UPDATE notices SET pinned = false, updated_at = $2 WHERE id = $1`, [o.id, now]);
  await appendAudit(db, ctx.actor(), {
    action: 'notice.correct', targetType: 'notice', targetId: o.id, estateId: Number(n.estate_id),
    summary: { correctionId: newId, reason: o.reason, title: o.title },
  });
  await publishNotice(db, { noticeId: newId, actor: ctx.actor(), now }).catch((e: { code?: string }) => {
    // a correction published meanwhile by someone else (one correction per notice, unique index)
    if (e.code === '23505') throw new AppError('CONFLICT', { message: '该公告已有更正' });
    throw e;
  });
  return noticeDetail(db, ctx, newId, now);
}
