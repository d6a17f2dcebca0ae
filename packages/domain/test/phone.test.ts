import { describe, expect, it } from 'vitest';
import { isMobilePhone, maskPhone } from '../src/index.ts';

describe('phone masking', () => {
  it.each([
    ['13812341234', '138****1234'],
    [' 13812341234 ', '138****1234'],
    ['02161234', '****1234'],
    ['123', '***'],
    ['', ''],
    [null, ''],
  ])('%s → %s', (raw, masked) => expect(maskPhone(raw)).toBe(masked));

  it('never shows the middle four digits of a mobile number', () => {
    expect(maskPhone('13899998888')).not.toContain('9999');
  });

  it.each([
    ['13812341234', true],
    ['23812341234', false],
    ['1381234123', false],
    ['138123412345', false],
  ])('mobile %s → %s', (raw, ok) => expect(isMobilePhone(raw)).toBe(ok));
});
