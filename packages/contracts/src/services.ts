import { z } from 'zod';
import { calendarDay } from './calendar.ts';

// Shared services: the in-app inbox, attachments and the audit log.

const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(50);
// a real calendar day: a regex alone let 2026-99-99 through to PostgreSQL's ::date cast (a 500)
const isoDate = calendarDay();

// Notifications ---------------------------------------------------------------------------------

export const notificationView = z.object({
  id: z.number().int(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const inboxQuery = z.object({ page, pageSize, unreadOnly: z.stringbool().optional() });
export const inboxPage = z.object({
  items: z.array(notificationView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** unread messages in the whole inbox, whatever the page */
  unread: z.number().int(),
});
export type InboxPage = z.infer<typeof inboxPage>;

export const NOTIFICATION_AUDIENCES = ['owners', 'committee'] as const;
export const NOTIFICATION_AUDIENCE_LABELS = { owners: '本小区已绑定业主', committee: '业委会成员' } as const;

export const sendNotificationBody = z.object({
  estateId: z.number().int().positive(),
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(5000),
  audience: z.enum(NOTIFICATION_AUDIENCES),
});
export type SendNotificationBody = z.infer<typeof sendNotificationBody>;
export const sendNotificationResult = z.object({ count: z.number().int() });

// Attachments -----------------------------------------------------------------------------------

/** Only these are accepted, decided by the file's leading bytes, not by its name or declared type. */
export const ATTACHMENT_MIME_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** The multipart fields sent with the file. */
export const attachmentUploadFields = z.object({
  recordType: z.string().regex(/^[a-z][a-z0-9_.]{0,49}$/, '记录类型格式不正确'),
  // no control characters: PostgreSQL text cannot hold U+0000 (multipart fields miss the text guard)
  recordId: z.string().trim().min(1).max(100).regex(/^[^\u0000-\u001f]+$/, '记录编号不能包含控制字符'),
  estateId: z.coerce.number().int().positive(),
});

export const attachmentView = z.object({
  id: z.number().int(),
  recordType: z.string(),
  recordId: z.string(),
  estateId: z.number().int(),
  filename: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.number().int(),
  createdAt: z.string(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

export const attachmentListQuery = z.object({ recordType: z.string().min(1).max(50), recordId: z.string().min(1).max(100) });

// Audit -----------------------------------------------------------------------------------------

export const auditEventView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorAccountId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  estateId: z.number().int().nullable(),
  summary: z.record(z.string(), z.unknown()),
  clientIp: z.string().nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

/** from / to are calendar days in China Standard Time, both inclusive. */
export const auditQuery = z.object({
  page,
  pageSize,
  action: z.string().trim().min(1).max(100).optional(),
  targetType: z.string().trim().min(1).max(100).optional(),
  actorAccountId: z.coerce.number().int().positive().optional(),
  estateId: z.coerce.number().int().positive().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditPage = z.object({
  items: z.array(auditEventView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({ seq: z.number().int(), reason: z.enum(['hash_mismatch', 'prev_link_mismatch', 'sequence_gap']) })
    .optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
