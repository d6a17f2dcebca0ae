import { hmacSha256Hex, sha256Hex } from './hash.ts';

// Receipt codes (issue 3): every accepted ballot is a link of its item's hash chain. The receipt
// is a SHA-256 over a canonical string of the meeting, the item, the owner's pseudonym, the
// choice, the cast time and the previous link, so changing any stored ballot (or dropping one)
// breaks every later link, and the owner's identity is not in it.

/** The previous link of an item's first ballot (meeting_items.chain_head before any ballot). */
export const GENESIS_LINK = '0'.repeat(64);

const RECEIPT_FORMAT = 'gongzhi.receipt/v1';

/**
 * The owner's pseudonym in one meeting: HMAC-SHA256(salt, voterKey) in hex. The salt is the
 * meeting's secret (meetings.pseudonym_salt), so pseudonyms of the same owner differ between
 * meetings and cannot be reversed by trying every owner id.
 */
export function pseudonymFor(salt: string, voterKey: string): string {
  if (!salt) throw new Error('pseudonymFor: empty salt');
  return hmacSha256Hex(salt, voterKey);
}

/**
 * The choice as the receipt covers it: a matter's choice as is ('yes' | 'no' | 'abstain' |
 * 'spoiled'); an election's approvals as 'approvals:' + candidate ids sorted ascending and joined
 * with ',' ('approvals:' alone approves nobody). The prefix keeps the two kinds apart.
 */
export function canonicalChoice(ballot: { choice?: string | null; approvals?: readonly number[] | null }): string {
  if (ballot.approvals != null) {
    if (ballot.choice != null) throw new Error('canonicalChoice: both choice and approvals');
    const ids = [...ballot.approvals].map(Number).sort((a, b) => a - b);
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new Error('canonicalChoice: bad candidate id');
    return `approvals:${ids.join(',')}`;
  }
  if (ballot.choice == null || ballot.choice === '') throw new Error('canonicalChoice: no choice');
  return ballot.choice;
}

export interface ReceiptInput {
  meetingId: number;
  itemId: number;
  pseudonym: string;
  /** canonicalChoice() of the ballot */
  choice: string;
  /** the cast time; hashed as its ISO string (millisecond precision, UTC) */
  castAt: Date | string;
  /** the receipt of the item's previous link, GENESIS_LINK for the first */
  prevLink: string;
}

/** The exact string a receipt hashes: a JSON array, so no field can bleed into the next. */
export function receiptPreimage(r: ReceiptInput): string {
  const castAt = typeof r.castAt === 'string' ? new Date(r.castAt) : r.castAt;
  if (Number.isNaN(castAt.getTime())) throw new Error('receiptHash: bad castAt');
  if (!/^[0-9a-f]{64}$/.test(r.prevLink)) throw new Error('receiptHash: prevLink must be 64 hex characters');
  return JSON.stringify([RECEIPT_FORMAT, r.meetingId, r.itemId, r.pseudonym, r.choice, castAt.toISOString(), r.prevLink]);
}

export function receiptHash(r: ReceiptInput): string {
  return sha256Hex(receiptPreimage(r));
}

export interface ChainLink extends ReceiptInput {
  chainSeq: number;
  receipt: string;
}

/**
 * Checks one item's chain in chain_seq order: seq 1..n without gaps, each link's prevLink is the
 * previous receipt (GENESIS_LINK first), each receipt recomputes. Returns the first broken seq.
 */
export function verifyChain(links: readonly ChainLink[]): { ok: true; head: string; length: number } | { ok: false; brokenAt: number; reason: 'sequence_gap' | 'prev_link_mismatch' | 'receipt_mismatch' } {
  let prev = GENESIS_LINK;
  for (let i = 0; i < links.length; i++) {
    const l = links[i]!;
    if (l.chainSeq !== i + 1) return { ok: false, brokenAt: i + 1, reason: 'sequence_gap' };
    if (l.prevLink !== prev) return { ok: false, brokenAt: l.chainSeq, reason: 'prev_link_mismatch' };
    if (receiptHash(l) !== l.receipt) return { ok: false, brokenAt: l.chainSeq, reason: 'receipt_mismatch' };
    prev = l.receipt;
  }
  return { ok: true, head: prev, length: links.length };
}
