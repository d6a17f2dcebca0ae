import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportion, parseApportionInput, type ApportionInput } from '../../src/index.ts';

// Apportionment of a cost to the units in scope by area (民法典 第283条; 办法 第20条), largest
// remainder (TALLY-SPEC §2): the properties the issue asks for, and the CLI's input format.

const inputArb: fc.Arbitrary<ApportionInput> = fc.record({
  totalFen: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  // small area ranges make ties (equal remainders) frequent
  areas: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10_000_000 })), { minLength: 1, maxLength: 60 }),
}).map(({ totalFen, areas }) => ({ totalFen, units: areas.map((areaCenti, i) => ({ unit: `u${i}`, areaCenti })) }));

const sumArea = (input: ApportionInput) => input.units.reduce((a, u) => a + BigInt(u.areaCenti), 0n);
const remainder = (input: ApportionInput, area: number) => (BigInt(input.totalFen) * BigInt(area)) % sumArea(input);

describe('apportion: properties', () => {
  it('the shares always sum exactly to the total, one share per unit in the listed order', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const { shares } = apportion(input);
      expect(shares.map((s) => s.unit)).toEqual(input.units.map((u) => u.unit));
      expect(shares.reduce((a, s) => a + BigInt(s.fen), 0n)).toBe(BigInt(input.totalFen));
    }));
  });

  it('each share is within one fen of its exact proportion: |share·ΣA − total·area| < ΣA', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const S = sumArea(input);
      apportion(input).shares.forEach((s, i) => {
        expect(Number.isSafeInteger(s.fen) && s.fen >= 0).toBe(true);
        const diff = BigInt(s.fen) * S - BigInt(input.totalFen) * BigInt(input.units[i]!.areaCenti);
        expect(diff < S && diff > -S).toBe(true);
      });
    }));
  });

  it('ties go to the earlier unit: of two units with the same remainder, the earlier never gets less', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const { shares } = apportion(input);
      const S = sumArea(input);
      for (let i = 0; i < input.units.length; i++) {
        for (let j = i + 1; j < input.units.length; j++) {
          const [a, b] = [input.units[i]!.areaCenti, input.units[j]!.areaCenti];
          if (a === b) expect(shares[i]!.fen).toBeGreaterThanOrEqual(shares[j]!.fen);
          // a strictly larger remainder is served first, whatever the order
          const [ri, rj] = [remainder(input, a), remainder(input, b)];
          const fi = (BigInt(input.totalFen) * BigInt(a)) / S;
          const fj = (BigInt(input.totalFen) * BigInt(b)) / S;
          if (ri < rj && BigInt(shares[i]!.fen) > fi) expect(BigInt(shares[j]!.fen)).toBe(fj + 1n);
        }
      }
    }));
  });

  it('stable: the same input gives the same shares, and reordering moves only fen between tied units', () => {
    fc.assert(fc.property(inputArb, fc.integer(), (input, seed) => {
      expect(apportion(input)).toEqual(apportion(structuredClone(input)));
      // a deterministic shuffle
      const order = input.units.map((u, i) => ({ u, k: Math.imul(i + 1, seed | 1) >>> 0 })).sort((x, y) => x.k - y.k).map((x) => x.u);
      const shuffled = apportion({ totalFen: input.totalFen, units: order });
      const before = new Map(apportion(input).shares.map((s) => [s.unit, s.fen]));
      for (const s of shuffled.shares) {
        const area = input.units.find((u) => u.unit === s.unit)!.areaCenti;
        const r = remainder(input, area);
        const tied = input.units.filter((u) => u.unit !== s.unit && remainder(input, u.areaCenti) === r).length > 0;
        if (!tied) expect(s.fen, s.unit).toBe(before.get(s.unit));
      }
    }));
  });

  it('worked examples: thirds, equal areas, a single unit, a cost smaller than the unit count', () => {
    const u = (...areas: number[]) => areas.map((areaCenti, i) => ({ unit: `${i + 1}01`, areaCenti }));
    expect(apportion({ totalFen: 100, units: u(1, 1, 1) }).shares.map((s) => s.fen)).toEqual([34, 33, 33]);
    expect(apportion({ totalFen: 2, units: u(5, 5, 5) }).shares.map((s) => s.fen)).toEqual([1, 1, 0]);
    expect(apportion({ totalFen: 1_000_000, units: u(8950) }).shares.map((s) => s.fen)).toEqual([1_000_000]);
    // 10 000 fen over 89.50 + 120.33 + 60.17 m² (ΣA = 27000): quotas 3314.8, 4456.7, 2228.5
    expect(apportion({ totalFen: 10_000, units: u(8950, 12033, 6017) }).shares.map((s) => s.fen)).toEqual([3315, 4457, 2228]);
  });
});

describe('parseApportionInput', () => {
  const ok = (units: unknown[], totalFen: unknown = 1_000_000) => parseApportionInput({ totalFen, units });

  it('reads areas through their decimal text into exact centi (no float multiplication)', () => {
    const r = ok([{ unit: '2-101', area: 89.5 }, { unit: '2-102', area: 257.16 }, { unit: '2-103', area: 0.07 }, { unit: '2-104', area: 1.1 }, { unit: '2-105', area: 120 }]);
    expect(r).toEqual({ ok: true, totalFen: 1_000_000, units: [
      { unit: '2-101', areaCenti: 8950 }, { unit: '2-102', areaCenti: 25716 }, { unit: '2-103', areaCenti: 7 }, { unit: '2-104', areaCenti: 110 }, { unit: '2-105', areaCenti: 12000 },
    ] });
    // 0.07·100 = 7.000000000000001 and 1.1·100 = 110.00000000000001 in floats: exact here
    expect(JSON.parse('{"totalFen":5,"units":[{"unit":"a","area":89.50}]}')).toEqual({ totalFen: 5, units: [{ unit: 'a', area: 89.5 }] });
    expect(parseApportionInput(JSON.parse('{"totalFen":5,"units":[{"unit":"a","area":89.50}]}'))).toMatchObject({ ok: true, units: [{ areaCenti: 8950 }] });
  });

  it('keeps the listed order, trims unit names and ignores extra fields', () => {
    const r = ok([{ unit: ' 3-2 ', area: 1, owner: '张三' }, { unit: '1-1', area: 2 }]);
    expect(r.ok && r.units.map((u) => u.unit)).toEqual(['3-2', '1-1']);
  });

  it('names the bad field: areas that are zero, negative, with three decimals, not numbers, missing', () => {
    const units = (bad: unknown) => [{ unit: 'a', area: 1 }, { unit: 'b', area: 2 }, { unit: 'c', area: 3 }, { unit: 'd', area: bad }];
    expect(ok(units(0))).toEqual({ ok: false, field: 'units[3].area', message: '面积须大于 0' });
    expect(ok(units(-5.5))).toEqual({ ok: false, field: 'units[3].area', message: '面积须大于 0' });
    expect(ok(units(89.505))).toEqual({ ok: false, field: 'units[3].area', message: '面积最多两位小数' });
    expect(ok(units('89.5'))).toMatchObject({ ok: false, field: 'units[3].area', message: expect.stringContaining('数字') });
    expect(ok(units(true))).toMatchObject({ ok: false, field: 'units[3].area' });
    expect(ok(units(null))).toEqual({ ok: false, field: 'units[3].area', message: '缺少面积' });
    expect(ok(units(undefined))).toEqual({ ok: false, field: 'units[3].area', message: '缺少面积' });
    expect(ok(units(1e-7))).toMatchObject({ ok: false, field: 'units[3].area' });
    expect(ok(units(1e21))).toMatchObject({ ok: false, field: 'units[3].area' });
    expect(ok(units(100_000.01))).toMatchObject({ ok: false, field: 'units[3].area', message: expect.stringContaining('不得超过') });
    expect(ok(units(100_000))).toMatchObject({ ok: true });
  });

  it('names the bad unit: missing or empty name, duplicate, not an object', () => {
    expect(ok([{ area: 1 }])).toEqual({ ok: false, field: 'units[0].unit', message: '缺少房号' });
    expect(ok([{ unit: '  ', area: 1 }])).toMatchObject({ ok: false, field: 'units[0].unit' });
    expect(ok([{ unit: 5, area: 1 }])).toMatchObject({ ok: false, field: 'units[0].unit' });
    expect(ok([{ unit: '1-1', area: 1 }, { unit: '1-1 ', area: 2 }])).toEqual({ ok: false, field: 'units[1].unit', message: '房号 1-1 重复' });
    expect(ok([{ unit: '1-1', area: 1 }, ['1-2', 3]])).toMatchObject({ ok: false, field: 'units[1]' });
    expect(ok([null])).toMatchObject({ ok: false, field: 'units[0]' });
  });

  it('refuses empty or missing units and a total that is not a positive safe integer', () => {
    expect(ok([])).toEqual({ ok: false, field: 'units', message: '房屋列表为空' });
    expect(parseApportionInput({ totalFen: 1 })).toMatchObject({ ok: false, field: 'units' });
    expect(parseApportionInput({ totalFen: 1, units: { a: 1 } })).toMatchObject({ ok: false, field: 'units' });
    const unit = [{ unit: 'a', area: 1 }];
    for (const bad of [0, -1, 1.5, '100', null, Number.MAX_SAFE_INTEGER + 1, 1e300, Number.NaN]) {
      expect(ok(unit, bad), String(bad)).toMatchObject({ ok: false, field: 'totalFen', message: '总金额须为正整数（单位：分）' });
    }
    expect(parseApportionInput({ units: unit })).toMatchObject({ ok: false, field: 'totalFen' });
    expect(ok(unit, Number.MAX_SAFE_INTEGER)).toMatchObject({ ok: true });
  });

  it('refuses what is not an object', () => {
    for (const bad of [null, [], 'x', 3]) expect(parseApportionInput(bad)).toMatchObject({ ok: false, field: '(根)' });
  });
});
