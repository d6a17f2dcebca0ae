import { z } from 'zod';

// Online ballots of owners' meetings (issue 3): casting with an idempotency key, the caller's
// ballots with their history, and receipt verification (inclusion proofs). Shared by the server
// and the web app.

const id = z.coerce.number().int().positive();
const receiptCode = z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, '回执码应为 64 位十六进制字符');

/** The header every cast must carry (any client-chosen string, e.g. a UUID per tap of 提交). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** One item's vote: a matter's `choice`, or an election's approved candidate ids (at most the
 *  item's seats; [] takes part and approves nobody). */
export const castVote = z.object({
  itemId: z.number({ error: '议题编号必须是正整数' }).int().positive(),
  choice: z.enum(['yes', 'no', 'abstain'], { error: '表决意见必须是 yes（同意）、no（反对）或 abstain（弃权）' }).optional(),
  approvals: z.array(z.number().int().positive()).max(100, '候选人选择过多').optional(),
});
export type CastVote = z.infer<typeof castVote>;

export const castBallotBody = z.object({
  /** the head voted for ('o12', 'o12&o15'); may be left out when the caller votes for only one */
  voterKey: z.string().trim().regex(/^o\d+(&o\d+)*$/, '投票人编号格式不正确').optional(),
  votes: z.array(castVote).min(1, '请至少对一个议题表决').max(50, '议题过多'),
});
export type CastBallotBody = z.infer<typeof castBallotBody>;

export const BALLOT_STATUS_LABELS = {
  current: '有效（当前）', superseded: '已被本人更改', overridden: '按规则未采用', pending: '待复核', rejected: '已退回',
} as const;
export type BallotStatus = keyof typeof BALLOT_STATUS_LABELS;

export const castReceiptView = z.object({
  itemId: z.number().int(),
  receipt: z.string(),
  chainSeq: z.number().int(),
  castAt: z.string(),
  /** 'current', or 'overridden' when a paper ballot the profile ranks higher stands */
  status: z.enum(['current', 'overridden']),
});
export const castBallotResponse = z.object({
  meetingId: z.number().int(),
  voterKey: z.string(),
  receipts: z.array(castReceiptView),
});
export type CastBallotResponse = z.infer<typeof castBallotResponse>;

export const meetingBallotParams = z.object({ id });
export const receiptParams = z.object({ receipt: receiptCode });

/** One of the caller's ballots (history included), newest first per item. */
export const myBallotRow = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  itemTitle: z.string(),
  voterKey: z.string(),
  channel: z.enum(['online', 'paper']),
  choice: z.string().nullable(),
  approvals: z.array(z.number().int()).nullable(),
  status: z.enum(['pending', 'current', 'superseded', 'overridden', 'rejected']),
  statusLabel: z.string(),
  castAt: z.string(),
  chainSeq: z.number().int().nullable(),
  receipt: z.string().nullable(),
  /** true when the caller cast it as a proxy holder */
  viaProxy: z.boolean(),
});
export const myBallotsResponse = z.object({
  meetingId: z.number().int(),
  ballots: z.array(myBallotRow),
});
export type MyBallotsResponse = z.infer<typeof myBallotsResponse>;

export const proofStepView = z.object({ side: z.enum(['left', 'right']), hash: z.string() });

/** What anyone may learn from a receipt code: never the owner, never the choice. */
export const publicReceiptView = z.object({
  receipt: z.string(),
  /** in the item's hash chain */
  included: z.literal(true),
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  itemId: z.number().int(),
  itemTitle: z.string(),
  chainSeq: z.number().int(),
  prevLink: z.string(),
  castAt: z.string(),
  channel: z.enum(['online', 'paper']),
  /** 'final': the owner's standing ballot; 'superseded' / 'overridden': replaced, not counted */
  standing: z.enum(['final', 'superseded', 'overridden']),
  standingLabel: z.string(),
  /** after the tally: the item's Merkle root and this receipt's inclusion proof (final ballots only) */
  tallied: z.boolean(),
  merkleRoot: z.string().nullable(),
  leafIndex: z.number().int().nullable(),
  leafCount: z.number().int().nullable(),
  proof: z.array(proofStepView).nullable(),
  /** the proof checked here against the root (the client can check it too) */
  proofValid: z.boolean().nullable(),
  message: z.string(),
});
export type PublicReceiptView = z.infer<typeof publicReceiptView>;

/** The owner's own receipt: the public view plus what they chose. */
export const myReceiptView = publicReceiptView.extend({
  voterKey: z.string(),
  choice: z.string().nullable(),
  approvals: z.array(z.number().int()).nullable(),
});
export type MyReceiptView = z.infer<typeof myReceiptView>;
