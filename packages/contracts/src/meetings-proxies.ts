import { z } from 'zod';
import { isoInstant } from './calendar.ts';

// Proxies (委托投票) and paper ballots (纸质票) of owners' meetings (issue 3): requests and
// answers shared by the server and the web app.

const id = z.coerce.number().int().positive();
/** A voter key (the head of TALLY-SPEC): 'o12' for a sole owner, 'o12&o15' for co-owners. */
export const voterKeySchema = z.string().trim().regex(/^o\d+(&o\d+)*$/, '投票人编号格式不正确');
const mobile = z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号');
const reason = z.string().trim().min(1, '请填写原因').max(500);

export const meetingIdParams = z.object({ id });
export const proxyIdParams = z.object({ id, proxyId: id });
export const sheetIdParams = z.object({ id, sheetId: id });

// Proxies ---------------------------------------------------------------------------------------

export const PROXY_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export type ProxyStatus = (typeof PROXY_STATUSES)[number];
export const PROXY_STATUS_LABELS: Record<ProxyStatus, string> = {
  pending: '待审核', approved: '已生效', rejected: '已驳回', revoked: '已撤销',
};

/** An owner names the person who will vote for them. `voterKey` may be left out when the owner
 *  votes for only one head in this meeting. */
export const ownerProxyBody = z.object({
  voterKey: voterKeySchema.optional(),
  holderPhone: mobile,
  /** as written on the authorisation; defaults to the holder account's display name */
  holderName: z.string().trim().min(1).max(50).optional(),
  /** the uploaded written authorisation (书面委托书) */
  attachmentId: z.number().int().positive(),
});
export type OwnerProxyBody = z.infer<typeof ownerProxyBody>;

/** The convener registers a proxy brought in on paper: for a voter key or a unit of the roster. */
export const convenerProxyBody = z.object({
  voterKey: voterKeySchema.optional(),
  unitId: z.number().int().positive().optional(),
  /** which owner of a co-owned head signed the authorisation (defaults to the first) */
  ownerId: z.number().int().positive().optional(),
  holderPhone: mobile,
  holderName: z.string().trim().min(1).max(50).optional(),
  attachmentId: z.number().int().positive(),
});
export type ConvenerProxyBody = z.infer<typeof convenerProxyBody>;

export const proxyListQuery = z.object({ status: z.enum(PROXY_STATUSES).optional() });
export const proxyRejectBody = z.object({ reason });
/** withdrawing a proxy: the owner may say why; the convener must */
export const ownerProxyRevokeBody = z.object({ reason: reason.optional() });
export const convenerProxyRevokeBody = z.object({ reason });

export const proxyView = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  voterKey: z.string(),
  /** the roster units of the head ('1栋-101') */
  units: z.array(z.string()),
  ownerId: z.number().int(),
  ownerName: z.string(),
  holderAccountId: z.number().int(),
  holderName: z.string(),
  /** masked: 138****1234 */
  holderPhone: z.string(),
  attachmentId: z.number().int().nullable(),
  status: z.enum(PROXY_STATUSES),
  requestedBy: z.number().int(),
  reviewedBy: z.number().int().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  createdAt: z.string(),
});
export type ProxyView = z.infer<typeof proxyView>;
export const proxyList = z.object({ items: z.array(proxyView) });

/** A proxy seen by the account that holds it or the owner who asked for it. */
export const myProxyView = proxyView.extend({
  meetingTitle: z.string(),
  meetingState: z.string(),
  estateId: z.number().int(),
  estateName: z.string(),
  votingOpensAt: z.string(),
  votingClosesAt: z.string(),
});
export type MyProxyView = z.infer<typeof myProxyView>;
/** held: proxies naming me as holder (I vote with voterKey); granted: proxies I asked for as owner */
export const myProxies = z.object({ held: z.array(myProxyView), granted: z.array(myProxyView) });

// Paper ballots -----------------------------------------------------------------------------------

export const SHEET_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];
export const SHEET_STATUS_LABELS: Record<SheetStatus, string> = { pending: '待复核', confirmed: '已确认', rejected: '已退回' };
export type SheetOutcome = 'counted' | 'overridden' | 'partly';
export const SHEET_OUTCOME_LABELS: Record<SheetOutcome, string> = {
  counted: '已计入', overridden: '该业主另有网络投票，按规则不计入此纸质票', partly: '部分议题计入',
};

/** One item as marked on the sheet: a matter's choice ('spoiled' = 废票), or an election's ticked
 *  candidate ids as marked (more than the seats: the tally counts the sheet as spoiled). */
export const paperVote = z.object({
  itemId: z.number().int().positive(),
  choice: z.enum(['yes', 'no', 'abstain', 'spoiled']).optional(),
  approvals: z.array(z.number().int().positive()).max(100).optional(),
});
export type PaperVote = z.infer<typeof paperVote>;

export const paperBallotBody = z.object({
  unitId: z.number().int().positive().optional(),
  voterKey: voterKeySchema.optional(),
  /** which owner of a co-owned head signed the sheet (defaults to the first) */
  ownerId: z.number().int().positive().optional(),
  votes: z.array(paperVote).min(1, '请至少录入一个议题的表决').max(50),
  /** the scanned ballot (required) */
  attachmentId: z.number().int().positive(),
  /** when the sheet reached the convener (default: now); must lie inside the voting window */
  receivedAt: isoInstant().optional(),
  note: z.string().trim().max(500).optional(),
});
export type PaperBallotBody = z.infer<typeof paperBallotBody>;

export const paperListQuery = z.object({ status: z.enum(SHEET_STATUSES).optional() });
export const paperRejectBody = z.object({ reason });

export const paperSheetView = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  voterKey: z.string(),
  units: z.array(z.string()),
  ownerId: z.number().int(),
  ownerName: z.string(),
  unitId: z.number().int().nullable(),
  attachmentId: z.number().int(),
  receivedAt: z.string(),
  note: z.string(),
  status: z.enum(SHEET_STATUSES),
  enteredBy: z.number().int(),
  enteredByName: z.string(),
  enteredAt: z.string(),
  confirmedBy: z.number().int().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  outcome: z.enum(['counted', 'overridden', 'partly']).nullable(),
  rejectedBy: z.number().int().nullable(),
  rejectedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  votes: z.array(z.object({
    itemId: z.number().int(),
    choice: z.string().nullable(),
    approvals: z.array(z.number().int()).nullable(),
    /** pending / current / superseded / overridden / rejected */
    status: z.string(),
    receipt: z.string().nullable(),
  })),
});
export type PaperSheetView = z.infer<typeof paperSheetView>;
export const paperSheetList = z.object({ items: z.array(paperSheetView) });

/** The answer to a confirmation: whether the sheet counts, per item and as a whole. */
export const paperConfirmResult = z.object({
  sheet: paperSheetView,
  counted: z.boolean(),
  outcome: z.enum(['counted', 'overridden', 'partly']),
  message: z.string(),
});
export type PaperConfirmResult = z.infer<typeof paperConfirmResult>;
