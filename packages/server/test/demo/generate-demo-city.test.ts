import { isValidCreditCode, isValidIdNumber } from '@gongzhi/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/demo/accounts.ts';
import { generateDemoCity } from '../../src/modules/demo/generate-demo-city.ts';
import { ACTING_BODY_ESTATE, EXPIRED_CONTRACT_ESTATE, RENEWAL_DUE_ESTATE } from '../../src/modules/demo/generate-governance.ts';

const TODAY = '2026-03-01';
const city = generateDemoCity({ today: TODAY });
const current = city.ownerships.filter((o) => o.validTo === null);

describe('demo city generator', () => {
  it('is deterministic: the same seed and day give the same city, another seed another', () => {
    const again = generateDemoCity({ today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
    const other = generateDemoCity({ seed: 1, today: TODAY });
    expect(other.owners[10].name + other.units[0].areaCenti).not.toBe(city.owners[10].name + city.units[0].areaCenti);
  });

  it('has one city, 2 districts, 4 streets, 8 communities, 12 estates of 200 to 5,000 units', () => {
    const levels = city.regions.map((r) => r.level);
    expect(levels.filter((l) => l === 'city')).toHaveLength(1);
    expect(levels.filter((l) => l === 'district')).toHaveLength(2);
    expect(levels.filter((l) => l === 'street')).toHaveLength(4);
    expect(levels.filter((l) => l === 'community')).toHaveLength(8);
    expect(city.estates).toHaveLength(12);
    const perEstate = city.estates.map((_, e) => city.units.filter((u) => u.estateKey === e).length);
    for (const n of perEstate) {
      expect(n).toBeGreaterThanOrEqual(200);
      expect(n).toBeLessThanOrEqual(5000);
    }
    expect(Math.min(...perEstate)).toBe(200);
    expect(Math.max(...perEstate)).toBe(5000);
    expect(city.units.length).toBeGreaterThanOrEqual(19_000);
    expect(city.units.length).toBeLessThanOrEqual(21_000);
  });

  it('every estate has flats, parking spaces and shops with realistic exact areas', () => {
    for (let e = 0; e < 12; e++) {
      const kinds = new Set(city.units.filter((u) => u.estateKey === e).map((u) => u.kind));
      expect([...kinds].sort()).toEqual(['commercial', 'parking', 'residential']);
    }
    const within = (kind: string, min: number, max: number) =>
      city.units.filter((u) => u.kind === kind).every((u) => Number.isInteger(u.areaCenti) && u.areaCenti >= min && u.areaCenti <= max);
    expect(within('residential', 4900, 18000)).toBe(true);
    expect(within('parking', 1000, 1500)).toBe(true);
    expect(within('commercial', 3000, 30000)).toBe(true);
    expect(new Set(city.units.map((u) => u.areaSource))).toEqual(new Set(['registry', 'survey', 'contract']));
    expect(city.units.some((u) => /^\d+-\d{3,4}$/.test(u.number) && u.number.endsWith('1202'))).toBe(true);
    // unit numbers are unique within their building
    const keys = new Set(city.units.map((u) => `${u.buildingKey}/${u.number}`));
    expect(keys.size).toBe(city.units.length);
  });

  it('every ID number and credit code is valid and unique', () => {
    const idNumbers = city.owners.flatMap((o) => (o.idNumber ? [o.idNumber] : []));
    const codes = [...city.owners.flatMap((o) => (o.creditCode ? [o.creditCode] : [])), ...city.companies.map((c) => c.creditCode)];
    expect(idNumbers.length).toBeGreaterThan(15_000);
    expect(idNumbers.every(isValidIdNumber)).toBe(true);
    expect(codes.every(isValidCreditCode)).toBe(true);
    expect(new Set(idNumbers).size).toBe(idNumbers.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(city.owners.filter((o) => o.kind === 'person').every((o) => o.idNumber && !o.creditCode && /^1\d{10}$/.test(o.phone ?? ''))).toBe(true);
  });

  it('has co-owned units, owners of several units and organisation owners of shops', () => {
    const perUnit = new Map<number, number>();
    const perOwner = new Map<number, number>();
    for (const o of current) {
      perUnit.set(o.unitKey, (perUnit.get(o.unitKey) ?? 0) + 1);
      perOwner.set(o.ownerKey, (perOwner.get(o.ownerKey) ?? 0) + 1);
    }
    expect([...perUnit.values()].filter((n) => n === 2).length).toBeGreaterThan(500);
    const multi = [...perOwner.entries()].filter(([k, n]) => n > 1 && !city.owners[k].isDeveloper);
    expect(multi.length).toBeGreaterThan(500);
    const orgShops = current.filter((o) => city.units[o.unitKey].kind === 'commercial' && city.owners[o.ownerKey].kind === 'organisation' && !city.owners[o.ownerKey].isDeveloper);
    expect(orgShops.length).toBeGreaterThan(10);
    // every unit has at least one current owner
    expect(perUnit.size).toBe(city.units.length);
  });

  it('developers own exactly the unsold and undelivered units, a few per cent of each estate', () => {
    for (const o of current) {
      const developer = city.owners[o.ownerKey].isDeveloper;
      expect(developer).toBe(city.units[o.unitKey].status !== 'sold');
      if (developer) expect(city.estates[city.units[o.unitKey].estateKey].developerKey).toBe(o.ownerKey);
    }
    for (let e = 0; e < 12; e++) {
      const units = city.units.filter((u) => u.estateKey === e);
      const share = units.filter((u) => u.status !== 'sold').length / units.length;
      expect(share).toBeGreaterThan(0);
      expect(share).toBeLessThan(0.1);
    }
  });

  it('keeps ownership history: closed earlier ownerships followed by the current owner', () => {
    const closed = city.ownerships.filter((o) => o.validTo !== null);
    expect(closed.length).toBeGreaterThan(500);
    for (const c of closed.slice(0, 200)) {
      const next = current.find((o) => o.unitKey === c.unitKey);
      expect(next?.validFrom).toBe(c.validTo);
      expect(c.validFrom <= (c.validTo as string)).toBe(true);
    }
  });

  it('3 companies serve every estate; one contract ended last year and was replaced', () => {
    expect(city.companies).toHaveLength(3);
    for (let e = 0; e < 12; e++) {
      const inForce = city.contracts.filter((c) => c.estateKey === e && c.startsOn <= TODAY && c.endsOn >= TODAY);
      expect(inForce).toHaveLength(1);
    }
    const expired = city.contracts.filter((c) => c.endsOn < TODAY);
    expect(expired).toEqual([{ companyKey: expect.any(Number), estateKey: EXPIRED_CONTRACT_ESTATE, startsOn: '2022-01-01', endsOn: '2025-12-31' }]);
  });

  it('committees in most estates; one estate has only an acting body, one is due for renewal', () => {
    const committees = city.committees.filter((c) => c.kind === 'committee');
    expect(committees).toHaveLength(11);
    expect(committees.some((c) => c.estateKey === ACTING_BODY_ESTATE)).toBe(false);
    const acting = city.committees.filter((c) => c.estateKey === ACTING_BODY_ESTATE);
    expect(acting.map((c) => c.kind)).toEqual(['property_management_committee']);
    const ended = committees.filter((c) => c.termEnd < TODAY);
    expect(ended.map((c) => c.estateKey)).toEqual([RENEWAL_DUE_ESTATE]);
    committees.forEach((c) => {
      const key = city.committees.indexOf(c);
      const roles = city.committeeMembers.filter((m) => m.committeeKey === key).map((m) => m.role);
      expect(roles).toEqual(expect.arrayContaining(['chair', 'vice_chair', 'member', 'secretary']));
    });
  });

  it('an account for every role, the member also an owner; owner3 unbound with an invitation', () => {
    expect(city.accounts.map((a) => a.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    const roles = new Set(city.accounts.flatMap((a) => a.grants.map((g) => g.role)));
    expect(roles.size).toBe(13);
    const byName = (u: string) => city.accounts.find((a) => a.username === u)!;
    expect(byName('member').grants.map((g) => g.role).sort()).toEqual(['committee_member', 'owner']);
    expect(byName('owner1').bindings).toHaveLength(2);
    const coOwned = byName('owner2').bindings[0].unitKey;
    expect(current.filter((o) => o.unitKey === coOwned)).toHaveLength(2);
    expect(byName('owner3').bindings).toHaveLength(0);
    expect(city.invitations[0].ownerKey).toBe(current.find((o) => o.unitKey === city.invitations[0].unitKey)!.ownerKey);
    expect(city.units[byName('owner4').bindings[0].unitKey].estateKey).toBe(1);
    // demo phones are the accounts' phones, and on their owner records
    for (const a of city.accounts) expect(a.phone).toBe(DEMO_ACCOUNTS.find((d) => d.username === a.username)!.phone);
    expect(city.owners[byName('owner1').ownerKey!].phone).toBe(byName('owner1').phone);
  });
});
