import { sha256Hex } from './hash.ts';

// The Merkle tree over an item's final ballots (issue 3): leaves are the receipts of the
// item's status='current' ballots ordered by chain_seq. Printed on the result; an owner proves
// their ballot is in it with an inclusion proof.
//
// Construction (write it down so anyone can recompute it):
// - leaf  = SHA-256(0x00 || receipt as 32 bytes)        (receipt: 64 hex characters)
// - inner = SHA-256(0x01 || left 32 bytes || right 32 bytes)
//   The prefixes keep leaves and inner nodes apart (no leaf can pose as an inner node).
// - a level with an odd number of nodes promotes its last node unchanged to the next level
//   (it is not paired with a copy of itself, so two different leaf lists never share a root);
// - no leaves: the root is SHA-256 of the empty string.
// All hashes are lower-case hex in the API.

export const EMPTY_MERKLE_ROOT = sha256Hex(new Uint8Array(0));

export interface ProofStep {
  /** where the sibling sits: 'left' means hash(sibling || current) */
  side: 'left' | 'right';
  hash: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

function hexBytes(hex: string): Uint8Array {
  if (!HEX64.test(hex)) throw new Error(`merkle: not 64 lower-case hex characters: ${hex.slice(0, 80)}`);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function merkleLeaf(receipt: string): string {
  const b = new Uint8Array(33);
  b[0] = 0x00;
  b.set(hexBytes(receipt), 1);
  return sha256Hex(b);
}

export function merkleNode(left: string, right: string): string {
  const b = new Uint8Array(65);
  b[0] = 0x01;
  b.set(hexBytes(left), 1);
  b.set(hexBytes(right), 33);
  return sha256Hex(b);
}

function nextLevel(level: string[]): string[] {
  const up: string[] = [];
  for (let i = 0; i < level.length; i += 2) up.push(i + 1 < level.length ? merkleNode(level[i]!, level[i + 1]!) : level[i]!);
  return up;
}

/** The root over the receipts, in the order given (chain_seq). */
export function merkleRoot(leaves: readonly string[]): string {
  if (leaves.length === 0) return EMPTY_MERKLE_ROOT;
  let level = leaves.map(merkleLeaf);
  while (level.length > 1) level = nextLevel(level);
  return level[0]!;
}

/** The sibling path from leaf `index` to the root (bottom first). */
export function inclusionProof(leaves: readonly string[], index: number): ProofStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new Error(`inclusionProof: index ${index} out of range`);
  const proof: ProofStep[] = [];
  let level = leaves.map(merkleLeaf);
  let i = index;
  while (level.length > 1) {
    const sibling = i % 2 === 0 ? i + 1 : i - 1;
    // a promoted last node has no sibling at this level
    if (sibling < level.length) proof.push({ side: i % 2 === 0 ? 'right' : 'left', hash: level[sibling]! });
    level = nextLevel(level);
    i = Math.floor(i / 2);
  }
  return proof;
}

/** Whether `receipt` with this proof hashes up to `root`. Never throws on malformed input. */
export function verifyInclusion(receipt: string, proof: readonly ProofStep[], root: string): boolean {
  try {
    let h = merkleLeaf(receipt);
    for (const step of proof) {
      if (step.side === 'left') h = merkleNode(step.hash, h);
      else if (step.side === 'right') h = merkleNode(h, step.hash);
      else return false;
    }
    return h === root;
  } catch {
    return false;
  }
}
