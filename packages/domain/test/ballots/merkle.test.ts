import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_MERKLE_ROOT, inclusionProof, merkleLeaf, merkleNode, merkleRoot, verifyInclusion } from '../../src/index.ts';

const r = (i: number) => createHash('sha256').update(`receipt-${i}`).digest('hex');
const leaves = (n: number) => Array.from({ length: n }, (_, i) => r(i));
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');
const hex = (h: string) => Buffer.from(h, 'hex');

describe('merkleRoot', () => {
  it('is the hash of the empty string for no leaves', () => {
    expect(merkleRoot([])).toBe(EMPTY_MERKLE_ROOT);
    expect(EMPTY_MERKLE_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('domain-separates leaves (0x00) and inner nodes (0x01), computed independently here', () => {
    const [a, b, c] = leaves(3);
    const la = sha(Buffer.from([0]), hex(a!));
    expect(merkleLeaf(a!)).toBe(la);
    expect(merkleRoot([a!])).toBe(la);
    const lb = sha(Buffer.from([0]), hex(b!));
    const ab = sha(Buffer.from([1]), hex(la), hex(lb));
    expect(merkleNode(la, lb)).toBe(ab);
    expect(merkleRoot([a!, b!])).toBe(ab);
    // three leaves: the odd last leaf is promoted, not paired with itself
    const lc = sha(Buffer.from([0]), hex(c!));
    expect(merkleRoot([a!, b!, c!])).toBe(sha(Buffer.from([1]), hex(ab), hex(lc)));
  });
  it('never equals the root of a list with the last leaf duplicated (no odd-node copy)', () => {
    for (const n of [1, 3, 5, 7, 9]) {
      const l = leaves(n);
      expect(merkleRoot(l)).not.toBe(merkleRoot([...l, l[n - 1]!]));
    }
  });
  it('depends on the order of the leaves', () => {
    const [a, b] = leaves(2);
    expect(merkleRoot([a!, b!])).not.toBe(merkleRoot([b!, a!]));
  });
  it('refuses a leaf that is not a 64-hex receipt', () => {
    expect(() => merkleRoot(['nothex'])).toThrow();
  });
});

describe('inclusionProof / verifyInclusion', () => {
  it('proves every leaf of trees of 1..40 leaves', () => {
    for (let n = 1; n <= 40; n++) {
      const l = leaves(n);
      const root = merkleRoot(l);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(l, i);
        expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
        expect(verifyInclusion(l[i]!, proof, root)).toBe(true);
      }
    }
  });
  it('a single leaf has an empty proof', () => {
    expect(inclusionProof([r(1)], 0)).toEqual([]);
  });
  it('fails for a receipt not in the tree, a tampered step, a wrong side or another root', () => {
    const l = leaves(9);
    const root = merkleRoot(l);
    const proof = inclusionProof(l, 4);
    expect(verifyInclusion(r(99), proof, root)).toBe(false);
    expect(verifyInclusion(l[5]!, proof, root)).toBe(false);
    const bad = proof.map((s, i) => (i === 1 ? { ...s, hash: 'f'.repeat(64) } : s));
    expect(verifyInclusion(l[4]!, bad, root)).toBe(false);
    const flipped = proof.map((s, i) => (i === 0 ? { ...s, side: s.side === 'left' ? 'right' as const : 'left' as const } : s));
    expect(verifyInclusion(l[4]!, flipped, root)).toBe(false);
    expect(verifyInclusion(l[4]!, proof, merkleRoot(leaves(8)))).toBe(false);
  });
  it('an inner node cannot pass as a leaf (domain separation)', () => {
    const l = leaves(4);
    const root = merkleRoot(l);
    const inner = merkleNode(merkleLeaf(l[0]!), merkleLeaf(l[1]!));
    const proof = inclusionProof(l, 2).slice(1); // the path above the pair (0,1)
    expect(verifyInclusion(inner, proof, root)).toBe(false);
  });
  it('never throws on malformed input', () => {
    expect(verifyInclusion('zz', [], 'x')).toBe(false);
    expect(verifyInclusion(r(1), [{ side: 'up' as never, hash: r(2) }], r(3))).toBe(false);
    expect(verifyInclusion(r(1), [{ side: 'left', hash: 'short' }], r(3))).toBe(false);
  });
  it('refuses an index out of range', () => {
    expect(() => inclusionProof(leaves(3), 3)).toThrow();
    expect(() => inclusionProof([], 0)).toThrow();
  });
  it('property: every leaf of any tree verifies, against its own root only', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), (n, k) => {
      const l = leaves(n);
      const i = k % n;
      const root = merkleRoot(l);
      return verifyInclusion(l[i]!, inclusionProof(l, i), root) && (n === 1 || !verifyInclusion(l[(i + 1) % n]!, inclusionProof(l, i), root));
    }), { numRuns: 200 });
  });
});
