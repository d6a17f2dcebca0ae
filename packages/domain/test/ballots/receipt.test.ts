import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalChoice, GENESIS_LINK, pseudonymFor, receiptHash, receiptPreimage, verifyChain, type ChainLink } from '../../src/index.ts';

const base = {
  meetingId: 7, itemId: 31, pseudonym: 'a'.repeat(64), choice: 'yes',
  castAt: new Date('2026-11-22T01:02:03.456Z'), prevLink: GENESIS_LINK,
};

describe('pseudonymFor', () => {
  it('is HMAC-SHA256(salt, voterKey) in hex', () => {
    expect(pseudonymFor('salt-1', 'o12&o15')).toBe(createHmac('sha256', 'salt-1').update('o12&o15').digest('hex'));
  });
  it('differs between meetings (salts) and between owners', () => {
    expect(pseudonymFor('s1', 'o1')).not.toBe(pseudonymFor('s2', 'o1'));
    expect(pseudonymFor('s1', 'o1')).not.toBe(pseudonymFor('s1', 'o2'));
  });
  it('refuses an empty salt (a meeting whose notice was never published)', () => {
    expect(() => pseudonymFor('', 'o1')).toThrow();
  });
});

describe('canonicalChoice', () => {
  it('keeps a matter choice as is', () => expect(canonicalChoice({ choice: 'abstain' })).toBe('abstain'));
  it('sorts election approvals numerically', () => {
    expect(canonicalChoice({ approvals: [10, 9, 100] })).toBe('approvals:9,10,100');
    expect(canonicalChoice({ approvals: [] })).toBe('approvals:');
  });
  it('refuses both or neither', () => {
    expect(() => canonicalChoice({ choice: 'yes', approvals: [1] })).toThrow();
    expect(() => canonicalChoice({})).toThrow();
  });
});

describe('receiptHash', () => {
  it('is SHA-256 over the documented JSON array', () => {
    const pre = receiptPreimage(base);
    expect(pre).toBe(`["gongzhi.receipt/v1",7,31,"${'a'.repeat(64)}","yes","2026-11-22T01:02:03.456Z","${GENESIS_LINK}"]`);
    expect(receiptHash(base)).toBe(createHash('sha256').update(pre).digest('hex'));
  });
  it('accepts the cast time as an ISO string with the same result', () => {
    expect(receiptHash({ ...base, castAt: '2026-11-22T09:02:03.456+08:00' })).toBe(receiptHash(base));
  });
  it('changes with every field', () => {
    const h = receiptHash(base);
    const variants = [
      { meetingId: 8 }, { itemId: 32 }, { pseudonym: 'b'.repeat(64) }, { choice: 'no' },
      { castAt: new Date('2026-11-22T01:02:03.457Z') }, { prevLink: 'f'.repeat(64) },
    ];
    for (const v of variants) expect(receiptHash({ ...base, ...v })).not.toBe(h);
  });
  it('refuses a malformed previous link or time', () => {
    expect(() => receiptHash({ ...base, prevLink: 'xyz' })).toThrow();
    expect(() => receiptHash({ ...base, castAt: 'yesterday' })).toThrow();
  });
});

describe('verifyChain', () => {
  function chain(n: number): ChainLink[] {
    const out: ChainLink[] = [];
    let prev = GENESIS_LINK;
    for (let i = 1; i <= n; i++) {
      const input = { ...base, choice: i % 2 ? 'yes' : 'no', castAt: new Date(Date.UTC(2026, 10, 22, 1, 0, i)), prevLink: prev };
      const receipt = receiptHash(input);
      out.push({ ...input, chainSeq: i, receipt });
      prev = receipt;
    }
    return out;
  }
  it('accepts an intact chain and returns its head', () => {
    const c = chain(5);
    expect(verifyChain(c)).toEqual({ ok: true, head: c[4]!.receipt, length: 5 });
    expect(verifyChain([])).toEqual({ ok: true, head: GENESIS_LINK, length: 0 });
  });
  it('finds an edited choice, a dropped link and a relinked chain', () => {
    const c = chain(5);
    expect(verifyChain(c.map((l) => (l.chainSeq === 3 ? { ...l, choice: 'abstain' } : l)))).toEqual({ ok: false, brokenAt: 3, reason: 'receipt_mismatch' });
    expect(verifyChain(c.filter((l) => l.chainSeq !== 2))).toMatchObject({ ok: false, brokenAt: 2, reason: 'sequence_gap' });
    const renumbered = c.filter((l) => l.chainSeq !== 2).map((l, i) => ({ ...l, chainSeq: i + 1 }));
    expect(verifyChain(renumbered)).toEqual({ ok: false, brokenAt: 2, reason: 'prev_link_mismatch' });
  });
});
