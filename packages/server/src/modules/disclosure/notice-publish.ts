import { checkPublicityPeriod, NOTICE_KIND_LABELS, type NoticeAudience, type NoticeKind, type NoticePublisherKind } from '@gongzhi/domain';
import { appendAudit, type AuditActor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { checkAudienceTargets, freezeRecipients } from './notice-audience.ts';

// Publication: the one way anything reaches owners as a notice. A draft becomes published, its
// recipients are frozen (notice_recipients: who it was for at that moment, and later when each
// read it), each recipient may get an inbox message, and the act is audited. Other modules
// (statements, filings, meetings, fund uses) call publishSystemNotice; people publish their
// drafts through publishNotice (POST /notices/:id/publish).

export type NoticeSourceType = 'meeting' | 'fund_application' | 'fund_statement' | 'revenue_statement' | 'disclosure_filing';

export interface SystemNoticeInput {
  estateId: number; kind: NoticeKind; title: string; body: string;
  audience: NoticeAudience; buildingIds?: number[]; unitIds?: number[];
  publisherKind: NoticePublisherKind; publisherName: string;
  sourceType?: NoticeSourceType; sourceId?: number;
  publicityStart?: string; publicityEnd?: string; pinned?: boolean;
  actor: AuditActor; now?: Date;
  /** an inbox message "新公告：<title>" to each recipient (default true); false where the caller's module already messages them */
  inbox?: boolean;
}

/** Publishes a notice in one go for another module (in the caller's transaction). */
export async function publishSystemNotice(db: Db, opts: SystemNoticeInput): Promise<{ noticeId: number; recipientCount: number }> {
  const bad = checkPublicityPeriod(opts);
  if (bad) throw fieldError(`body.${bad.field}`, bad.message);
  // the table's own limits, said plainly instead of as a constraint violation
  if (opts.title.length < 1 || opts.title.length > 200) throw fieldError('body.title', '标题须为1至200个字符');
  if (opts.body.length > 20_000) throw fieldError('body.body', '正文不能超过20000个字符');
  const targets = await checkAudienceTargets(db, opts);
  const now = opts.now ?? new Date();
  const r = await db.query(
    `INSERT INTO notices (estate_id, kind, title, body, audience, building_ids, unit_ids, publisher_kind, publisher_name,
                          source_type, source_id, pinned, publicity_start, publicity_end, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16) RETURNING id`,
    [opts.estateId, opts.kind, opts.title, opts.body, opts.audience, targets.buildingIds, targets.unitIds, opts.publisherKind,
      opts.publisherName, opts.sourceType ?? null, opts.sourceId ?? null, opts.pinned ?? false, opts.publicityStart ?? null,
      opts.publicityEnd ?? null, opts.actor.accountId, now],
  );
  const noticeId = Number(r.rows[0].id);
  const out = await publishNotice(db, { noticeId, actor: opts.actor, now, inbox: opts.inbox });
  return { noticeId, recipientCount: out.recipientCount };
}

/**
 * Publishes draft `noticeId`: checks the publicity period, freezes the recipients, stamps the
 * publication, messages the recipients (unless inbox false) and audits notice.publish.
 * The caller has checked who may publish it.
 */
export async function publishNotice(db: Db, o: { noticeId: number; actor: AuditActor; now?: Date; inbox?: boolean }):
  Promise<{ id: number; state: 'published'; recipientCount: number }> {
  const now = o.now ?? new Date();
  const r = await db.query(
    `SELECT id, estate_id, kind, title, audience, state, publisher_name, publicity_start, publicity_end, corrects_id, source_type, source_id
       FROM notices WHERE id = $1 FOR UPDATE`,
    [o.noticeId],
  );
  const n = r.rows[0];
  if (!n) throw notFound('公告');
  if (n.state !== 'draft') throw new AppError('CONFLICT', { message: '该公告已发布，不能重复发布' });
  const bad = checkPublicityPeriod({ kind: n.kind, publicityStart: n.publicity_start, publicityEnd: n.publicity_end });
  if (bad) throw fieldError(`body.${bad.field}`, bad.message);
  const recipients = await freezeRecipients(db, o.noticeId);
  await db.query(
    `UPDATE notices SET state = 'published', published_at = $2, published_by = $3, recipient_count = $4, updated_at = $2 WHERE id = $1`,
    [o.noticeId, now, o.actor.accountId, recipients.length],
  );
  if (o.inbox !== false && recipients.length) {
    await notifyMany(db, {
      accountIds: recipients,
      subject: `新公告：${n.title}`,
      body: `${n.publisher_name}发布了${NOTICE_KIND_LABELS[n.kind as NoticeKind]}「${n.title}」，请在“公告”中查看。`,
    });
  }
  await appendAudit(db, o.actor, {
    action: 'notice.publish', targetType: 'notice', targetId: o.noticeId, estateId: Number(n.estate_id),
    summary: {
      kind: n.kind, title: n.title, audience: n.audience, recipients: recipients.length,
      ...(n.corrects_id != null ? { correctsId: Number(n.corrects_id) } : {}),
      ...(n.source_type ? { sourceType: n.source_type, sourceId: Number(n.source_id) } : {}),
    },
  });
  return { id: o.noticeId, state: 'published', recipientCount: recipients.length };
}
