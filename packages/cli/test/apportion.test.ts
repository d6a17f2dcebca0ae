import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { offlineGongzhi } from './offline-cli.ts';

// `gongzhi apportion` as an owner runs it to check a fund share: a JSON file (or stdin) in, the
// shares out, exit 0; bad input exits 2 naming the field. No database (DATABASE_URL points
// nowhere and the data directory stays empty).

const { run: gongzhi, dir, dataDir } = offlineGongzhi('apportion');

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

// 100.00 元 over 89.50 + 120.33 + 60.17 m²: quotas 3314.81, 4456.67, 2228.52 fen
const input = { totalFen: 10_000, units: [{ unit: '2-101', area: 89.5 }, { unit: '2-102', area: 120.33 }, { unit: '2-103', area: 60.17 }] };
const expected = { shares: [{ unit: '2-101', fen: 3315 }, { unit: '2-102', fen: 4457 }, { unit: '2-103', fen: 2228 }] };

describe('gongzhi apportion', () => {
  it('anyone: splits a cost over the units of a file by area, prints the shares, exit 0, without a database', async () => {
    const r = await gongzhi(['apportion', file('input.json', input)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(expected);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  }, 60_000);

  it('anyone: reads standard input for "-"; ties go to the earlier unit', async () => {
    const r = await gongzhi(['apportion', '-'], JSON.stringify({ totalFen: 100, units: [{ unit: 'A', area: 50 }, { unit: 'B', area: 50 }, { unit: 'C', area: 50 }] }));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ shares: [{ unit: 'A', fen: 34 }, { unit: 'B', fen: 33 }, { unit: 'C', fen: 33 }] });
  }, 60_000);

  it('anyone: 10,000 units are split to the fen, the shares sum to the total', async () => {
    const units = Array.from({ length: 10_000 }, (_, i) => ({ unit: `${1 + Math.floor(i / 100)}-${(i % 100) + 101}`, area: 60 + (i % 97) + (i % 7) / 100 }));
    const r = await gongzhi(['apportion', file('big.json', { totalFen: 123_456_789, units })]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { shares: { unit: string; fen: number }[] };
    expect(out.shares).toHaveLength(10_000);
    expect(out.shares.reduce((a, s) => a + s.fen, 0)).toBe(123_456_789);
    expect(out.shares[9_999]!.unit).toBe('100-200');
  }, 60_000);

  const bad: [string, unknown, RegExp][] = [
    ['no units', { totalFen: 100, units: [] }, /字段 field units: 房屋列表为空/],
    ['units missing', { totalFen: 100 }, /字段 field units: 缺少房屋列表/],
    ['an area of zero', { totalFen: 100, units: [{ unit: 'a', area: 1 }, { unit: 'b', area: 0 }] }, /字段 field units\[1\]\.area: 面积须大于 0/],
    ['a negative area', { totalFen: 100, units: [{ unit: 'a', area: -89.5 }] }, /units\[0\]\.area: 面积须大于 0/],
    ['an area with three decimals', { totalFen: 100, units: [{ unit: 'a', area: 1 }, { unit: 'b', area: 2 }, { unit: 'c', area: 3 }, { unit: 'd', area: 89.505 }] }, /units\[3\]\.area: 面积最多两位小数/],
    ['an area given as text', { totalFen: 100, units: [{ unit: 'a', area: '89.5' }] }, /units\[0\]\.area: 面积须为数字/],
    ['a unit without a name', { totalFen: 100, units: [{ area: 89.5 }] }, /units\[0\]\.unit: 缺少房号/],
    ['a total of zero', { totalFen: 0, units: [{ unit: 'a', area: 1 }] }, /字段 field totalFen: 总金额须为正整数/],
    ['a total in yuan with decimals', { totalFen: 100.5, units: [{ unit: 'a', area: 1 }] }, /totalFen: 总金额须为正整数/],
    ['a total beyond 2^53', { totalFen: 2 ** 53, units: [{ unit: 'a', area: 1 }] }, /totalFen: 总金额须为正整数/],
  ];
  // each case is its own process: run them side by side
  describe.concurrent('bad input', () => {
    for (const [what, content, message] of bad) {
      // concurrent tests assert with their own context's expect
      it(`anyone: ${what} exits 2 naming the field, nothing on stdout`, async ({ expect }) => {
        const r = await gongzhi(['apportion', '-'], JSON.stringify(content));
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err).toMatch(/分摊输入有误 \/ bad apportion input/);
        expect(r.err).toMatch(message);
      }, 120_000);
    }
  });

  it('anyone: help lists the command in Chinese and English', async () => {
    const r = await gongzhi(['help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('apportion 文件.json | -');
    expect(r.out).toContain('按面积分摊');
    expect(r.out).toContain('split a cost over units by area');
  }, 60_000);

  it('anyone: text that is not JSON, a missing file, or no argument exits 2 with a clear message', async () => {
    const notJson = await gongzhi(['apportion', file('broken.json', '{"totalFen": 100, units: }')]);
    expect(notJson).toMatchObject({ code: 2, out: '' });
    expect(notJson.err).toMatch(/不是合法的 JSON \/ not valid JSON/);
    const missing = await gongzhi(['apportion', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/无法读取文件 \/ cannot read/);
    const none = await gongzhi(['apportion']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/用法 \/ usage: gongzhi apportion/);
  }, 60_000);
});
