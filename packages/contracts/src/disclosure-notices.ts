import { z } from 'zod';
import { calendarDay, isoInstant } from './calendar.ts';

// API shapes of the disclosure module's notices part (issue 5), shared by the server and the web.
// Notices (通知), announcements (公告) and publicity with a period (公示) of an estate; read
// coverage in basis points (1/100 of a per cent, integer); dates YYYY-MM-DD, timestamps ISO.

const id = z.coerce.number().int().positive();
const int = z.number().int();
const date = calendarDay();

export const noticeKinds = z.enum(['notice', 'announcement', 'publicity'], { error: '公告类型应为 通知、公告 或 公示' });
export type NoticeKindValue = z.infer<typeof noticeKinds>;
export const noticeAudiences = z.enum(['estate', 'owners', 'buildings', 'units', 'committee'], { error: '发布范围不正确' });
export const noticeStates = z.enum(['draft', 'published', 'withdrawn']);
export const noticePublisherKinds = z.enum(['company', 'committee', 'community', 'street_office', 'district', 'platform']);
export const noticeSourceTypes = z.enum(['meeting', 'fund_application', 'fund_statement', 'revenue_statement', 'disclosure_filing']);
export const noticeActionNames = z.enum(['edit', 'delete', 'publish', 'withdraw', 'correct', 'pin', 'unpin', 'remind']);

const title = z.string().trim().min(1, '请填写标题').max(200, '标题不能超过200个字符');
const body = z.string().trim().max(20_000, '正文不能超过20000个字符');
const ids = z.array(z.number().int().positive()).max(2000);
const reason = (what: string) => z.string().trim().min(1, `请填写${what}`).max(500, `${what}不能超过500个字符`);

export const noticeParams = z.object({ id });
export const noticeEstateParams = z.object({ id });

export const noticeCreateBody = z.object({
  kind: noticeKinds,
  title,
  body: body.default(''),
  audience: noticeAudiences,
  buildingIds: ids.optional(),
  unitIds: ids.optional(),
  publicityStart: date.nullable().optional(),
  publicityEnd: date.nullable().optional(),
  /** after this moment the notice is shown as expired (and no longer pinned to owners) */
  expiresAt: isoInstant('过期时间格式不正确').nullable().optional(),
  pinned: z.boolean().optional(),
});
export type NoticeCreateBody = z.infer<typeof noticeCreateBody>;
/** PATCH: any field of the draft; the others stay. */
export const noticeUpdateBody = noticeCreateBody.partial().extend({ body: body.optional() });
export type NoticeUpdateBody = z.infer<typeof noticeUpdateBody>;
export const noticeWithdrawBody = z.object({ reason: reason('撤回原因') });
export const noticeCorrectBody = z.object({ title, body, reason: reason('更正说明') });
export const noticePinBody = z.object({ pinned: z.boolean({ error: 'pinned 须为 true 或 false' }) });

export const noticeListQuery = z.object({
  estateId: id.optional(),
  kind: noticeKinds.optional(),
  state: noticeStates.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const noticeListItem = z.object({
  id: int, estateId: int, estateName: z.string(),
  kind: noticeKinds, kindLabel: z.string(), title: z.string(),
  publisherKind: noticePublisherKinds, publisherName: z.string(),
  state: noticeStates, stateLabel: z.string(), pinned: z.boolean(),
  publishedAt: z.string().nullable(), expiresAt: z.string().nullable(), expired: z.boolean(),
  publicityStart: z.string().nullable(), publicityEnd: z.string().nullable(),
  recipientCount: int, readCount: int, readPctBp: int,
  correctsId: int.nullable(), correctedById: int.nullable(),
  sourceType: noticeSourceTypes.nullable(), sourceId: int.nullable(),
});
export type NoticeListItem = z.infer<typeof noticeListItem>;
export const noticePage = z.object({ items: z.array(noticeListItem), total: int });
export type NoticePage = z.infer<typeof noticePage>;

export const noticeAttachment = z.object({ id: int, filename: z.string(), mime: z.string(), sizeBytes: int, createdAt: z.string() });
export type NoticeAttachment = z.infer<typeof noticeAttachment>;

export const noticeDetail = noticeListItem.extend({
  body: z.string(),
  audience: noticeAudiences, audienceLabel: z.string(),
  buildingIds: z.array(int), unitIds: z.array(int),
  buildings: z.array(z.object({ id: int, name: z.string() })),
  withdrawReason: z.string().nullable(), withdrawnAt: z.string().nullable(),
  /** the reason given when this notice was published as a correction of another */
  correctionReason: z.string().nullable(),
  lastRemindedAt: z.string().nullable(),
  attachments: z.array(noticeAttachment),
  availableActions: z.array(noticeActionNames),
});
export type NoticeDetail = z.infer<typeof noticeDetail>;

export const noticePublishResult = z.object({ id: int, state: noticeStates, recipientCount: int });
export const noticeRemindResult = z.object({ reminded: int });

export const noticeCoverageRow = z.object({ buildingId: int, name: z.string(), recipients: int, read: int, readPctBp: int });
export const noticeCoverage = z.object({
  recipients: int, read: int, readPctBp: int,
  buildings: z.array(noticeCoverageRow),
  /** committee members among the recipients (audience estate or committee) */
  committee: z.object({ recipients: int, read: int }).optional(),
});
export type NoticeCoverage = z.infer<typeof noticeCoverage>;

// --- owner (my.units) ---------------------------------------------------------------------
export const myNoticeQuery = z.object({
  estateId: id.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const myNoticeItem = z.object({
  id: int, estateName: z.string(), kind: noticeKinds, kindLabel: z.string(), title: z.string(),
  publisherName: z.string(), publishedAt: z.string().nullable(), pinned: z.boolean(), read: z.boolean(),
  state: noticeStates, stateLabel: z.string(), expired: z.boolean(),
  publicityStart: z.string().nullable(), publicityEnd: z.string().nullable(),
  correctsId: int.nullable(), correctedById: int.nullable(),
});
export type MyNoticeItem = z.infer<typeof myNoticeItem>;
export const myNoticePage = z.object({ items: z.array(myNoticeItem), total: int, unreadCount: int });
export type MyNoticePage = z.infer<typeof myNoticePage>;
export const myNoticeDetail = myNoticeItem.extend({
  body: z.string(), attachments: z.array(noticeAttachment),
  withdrawReason: z.string().nullable(), withdrawnAt: z.string().nullable(), correctionReason: z.string().nullable(),
  /** when this owner first opened it (now, on the first opening) */
  readAt: z.string().nullable(),
  /** the record another module published through this notice (a statement, a filing, a meeting, a fund use) */
  sourceType: noticeSourceTypes.nullable(), sourceId: int.nullable(),
});
export type MyNoticeDetail = z.infer<typeof myNoticeDetail>;
