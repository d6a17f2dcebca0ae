import { describe, expect, it } from 'vitest';
import {
  EMERGENCY_LIST_KEYS, EMERGENCY_LISTS, findEmergencyCategory, findWorkCategory, FUND_EXCLUSIONS, FUND_WORK_CATEGORIES,
  isEmergencyListKey, isFundExclusionKey, missingDeclarations,
} from '../../src/index.ts';

// The data the applications are checked against: emergency lists per city, work categories and
// the four exclusions of 办法 第二十五条.

describe('emergency lists', () => {
  it('carry the number of items of their source: national 6 (52号), Shanghai 5 (第73条), Hangzhou 6 (第73条), Shenzhen 3 (FAQ (二)–(四))', () => {
    expect(EMERGENCY_LISTS.national.categories).toHaveLength(6);
    expect(EMERGENCY_LISTS.shanghai.categories).toHaveLength(5);
    expect(EMERGENCY_LISTS.hangzhou.categories).toHaveLength(6);
    expect(EMERGENCY_LISTS.shenzhen.categories.map((c) => c.item)).toEqual(['（二）', '（三）', '（四）']);
    expect(EMERGENCY_LISTS.national.source).toContain('建办房〔2015〕52号');
    expect(EMERGENCY_LISTS.shanghai.source).toContain('第七十三条');
    expect(EMERGENCY_LISTS.hangzhou.source).toContain('第七十三条');
  });

  it('every list has a label, a source and unique, non-empty codes; the keys match the database CHECK', () => {
    expect([...EMERGENCY_LIST_KEYS].sort()).toEqual(['hangzhou', 'national', 'shanghai', 'shenzhen']);
    for (const key of EMERGENCY_LIST_KEYS) {
      const list = EMERGENCY_LISTS[key];
      expect(list.label).not.toBe('');
      expect(list.source).not.toBe('');
      const codes = list.categories.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of list.categories) expect(c.code).toMatch(/^[a-z_]+$/);
    }
  });

  it('findEmergencyCategory: a code is valid only in the lists that carry it', () => {
    expect(findEmergencyCategory('hangzhou', 'wall_road_collapse')?.label).toBe('围墙、道路坍塌');
    expect(findEmergencyCategory('national', 'wall_road_collapse')).toBeNull();
    expect(findEmergencyCategory('shanghai', 'elevator')?.evidence).toContain('整改通知书');
    expect(findEmergencyCategory('shanghai', 'drainage')).toBeNull();
    expect(findEmergencyCategory('shenzhen', 'elevator')).toBeNull();
    expect(findEmergencyCategory('shenzhen', 'elevator_fire')).not.toBeNull();
    expect(findEmergencyCategory('national', '')).toBeNull();
    expect(findEmergencyCategory('nowhere' as never, 'elevator')).toBeNull();
  });

  it('isEmergencyListKey', () => {
    expect(isEmergencyListKey('shanghai')).toBe(true);
    expect(isEmergencyListKey('beijing')).toBe(false);
    expect(isEmergencyListKey(undefined)).toBe(false);
  });
});

describe('work categories', () => {
  it('include the parts 民法典 第281条 names and "other"; codes are unique', () => {
    const codes = FUND_WORK_CATEGORIES.map((c) => c.code);
    for (const c of ['elevator', 'roof', 'exterior_wall', 'accessibility', 'water_pump', 'drainage', 'fire_system', 'wall_road', 'other']) expect(codes).toContain(c);
    expect(new Set(codes).size).toBe(codes.length);
    expect(findWorkCategory('roof')?.label).toContain('屋顶');
    expect(findWorkCategory('garden')).toBeNull();
  });
});

describe('exclusions (办法 第二十五条)', () => {
  it('are the four items in order, each citing its item', () => {
    expect(FUND_EXCLUSIONS.map((e) => e.key)).toEqual(['warranty', 'utility', 'personDamage', 'companyUpkeep']);
    FUND_EXCLUSIONS.forEach((e, i) => expect(e.source).toContain(`第二十五条第（${'一二三四'[i]}）项`));
  });

  it('missingDeclarations: every key not declared true is missing, in order', () => {
    expect(missingDeclarations({ warranty: true, utility: true, personDamage: true, companyUpkeep: true })).toEqual([]);
    expect(missingDeclarations({ warranty: true, utility: false, companyUpkeep: true })).toEqual(['utility', 'personDamage']);
    expect(missingDeclarations({})).toEqual(['warranty', 'utility', 'personDamage', 'companyUpkeep']);
    expect(missingDeclarations(null)).toHaveLength(4);
    // a truthy non-boolean is not a declaration
    expect(missingDeclarations({ warranty: 'yes', utility: 1, personDamage: true, companyUpkeep: true } as never)).toEqual(['warranty', 'utility']);
  });

  it('isFundExclusionKey', () => {
    expect(isFundExclusionKey('personDamage')).toBe(true);
    expect(isFundExclusionKey('persondamage')).toBe(false);
  });
});
