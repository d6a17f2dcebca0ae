import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar, creditCodeProblem, formatAreaCenti, idNumberCheckChar, idNumberProblem, parseAreaCenti,
} from '../src/index.ts';

describe('ID number (GB 11643)', () => {
  it.each([
    ['11010519491231002X', null], // the standard's own example
    ['11010519491231002x', null],
    ['110105194912310021', 'check_digit'],
    ['11010519491331002X', 'birth_date'], // month 13
    ['11010519490230002X', 'birth_date'], // 30 Feb
    ['1101051949123100', 'format'],
    ['11010519491231002Y', 'format'],
  ])('%s → %s', (id, problem) => expect(idNumberProblem(id)).toBe(problem));

  it('every wrong check character is rejected', () => {
    const body = '44030419900101001';
    const good = idNumberCheckChar(body);
    for (const c of '0123456789X') expect(idNumberProblem(body + c)).toBe(c === good ? null : 'check_digit');
  });
});

describe('unified social credit code (GB 32100)', () => {
  it.each([
    ['91350100M000100Y43', null],
    ['91350100M000100Y44', 'check_digit'],
    ['91350100M000100Y4', 'format'],
    ['91350100M000100YI3', 'format'], // I is not in the alphabet
  ])('%s → %s', (code, problem) => expect(creditCodeProblem(code)).toBe(problem));

  it('check character makes any 17-character body valid', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }), (chars) => {
        const body = chars.join('');
        expect(creditCodeProblem(body + creditCodeCheckChar(body))).toBeNull();
      }),
    );
  });
});

describe('area in hundredths of a m²', () => {
  it.each([
    ['257.16', 25716],
    ['0.01', 1],
    ['89.1', 8910],
    ['89.10', 8910],
    ['89.100', 8910], // trailing zeros are not extra precision
    [89.13, 8913],
    ['100000.00', 10_000_000],
  ])('%s → %i', (raw, centi) => expect(parseAreaCenti(raw)).toEqual({ ok: true, centi }));

  it.each([
    ['-1', 'negative'],
    ['-0.01', 'negative'],
    ['0', 'zero'],
    ['0.00', 'zero'],
    ['1.001', 'too_many_decimals'],
    ['89.135', 'too_many_decimals'],
    ['abc', 'not_a_number'],
    ['', 'empty'],
    ['100000.01', 'too_large'],
  ])('%s is rejected: %s', (raw, problem) => expect(parseAreaCenti(raw)).toEqual({ ok: false, problem }));

  it('format and parse are inverse on every valid value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (c) => {
        expect(parseAreaCenti(formatAreaCenti(c))).toEqual({ ok: true, centi: c });
      }),
    );
  });
});
