import { DEMO_INVITATION_CODE, demoAccount } from './accounts.ts';
import type { DemoCity, DemoRegion } from './demo-city-types.ts';
import { generateEstate } from './generate-estate.ts';
import { generateGovernance } from './generate-governance.ts';
import { IdentityFactory } from './identities.ts';
import { addDays, createRng } from './prng.ts';

// The demo city, generated from a fixed seed: the same seed (and the same "today", which only
// places contract and committee terms around the present) gives the same city on every machine.

export const DEMO_SEED = 20260101;

const DISTRICTS = [
  { name: '东湖区', streets: [['明德街道', ['翠竹社区', '春晖社区']], ['新华街道', ['和平社区', '光明社区']]] },
  { name: '西山区', streets: [['青山街道', ['青山社区', '枫林社区']], ['临江街道', ['滨江社区', '望江社区']]] },
] as const;

// [name, units, community index]: 12 estates from 200 to 5,000 units, 20,000 in all
export const DEMO_ESTATES: [string, number, number][] = [
  ['翠竹苑', 1800, 0], ['春晖家园', 5000, 0], ['和平里小区', 3200, 1], ['光明花园', 2600, 1],
  ['锦绣华庭', 2100, 2], ['枫林雅苑', 1500, 2], ['滨江壹号', 1200, 3], ['望江名邸', 900, 3],
  ['青山公寓', 700, 4], ['阳光新城', 500, 5], ['学府花园', 300, 6], ['桂香小区', 200, 7],
];

const DEVELOPERS = ['恒远置业有限公司', '华盛房地产开发有限公司', '鼎泰房地产开发有限公司', '嘉和置业有限公司', '宏基房地产开发有限公司', '瑞丰置业有限公司'];

export function generateDemoCity(opts: { seed?: number; today?: string } = {}): DemoCity {
  const seed = opts.seed ?? DEMO_SEED;
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const rng = createRng(seed);
  const ids = new IdentityFactory(rng);
  const city: DemoCity = {
    seed, today, regions: [], owners: [], estates: [], buildings: [], units: [], ownerships: [], companies: [],
    contracts: [], committees: [], committeeMembers: [], accounts: [], invitations: [], departments: [],
  };

  // regions: city > 2 districts > 4 streets > 8 communities
  const addRegion = (r: DemoRegion) => city.regions.push(r) - 1;
  const cityKey = addRegion({ parentKey: null, level: 'city', name: '示范市', code: '990100' });
  const communityKeys: number[] = [];
  const streetKeys: number[] = [];
  const districtKeys: number[] = [];
  DISTRICTS.forEach((d, di) => {
    const dCode = `9901${String(di + 1).padStart(2, '0')}`;
    const dKey = addRegion({ parentKey: cityKey, level: 'district', name: d.name, code: dCode });
    districtKeys.push(dKey);
    d.streets.forEach(([streetName, communities], si) => {
      const sCode = `${dCode}${String(si + 1).padStart(3, '0')}`;
      const sKey = addRegion({ parentKey: dKey, level: 'street', name: streetName, code: sCode });
      streetKeys.push(sKey);
      communities.forEach((c, ci) => {
        communityKeys.push(addRegion({ parentKey: sKey, level: 'community', name: c, code: `${sCode}${String(ci + 1).padStart(3, '0')}` }));
      });
    });
  });

  const developerKeys = DEVELOPERS.map((name) =>
    city.owners.push({ kind: 'organisation', name: `示范市${name}`, phone: ids.phone(), idNumber: null, creditCode: ids.creditCode(), isDeveloper: true }) - 1,
  );

  DEMO_ESTATES.forEach(([name, units, community], i) => {
    const estateKey = city.estates.push({
      communityKey: communityKeys[community],
      name,
      code: `DEMO${String(i + 1).padStart(2, '0')}`,
      address: `示范市${city.regions[communityKeys[community]].name.slice(0, 2)}路${rng.int(1, 300)}号`,
      developerKey: developerKeys[i % developerKeys.length],
    }) - 1;
    const deliveredOn = addDays(`${2003 + i}-06-30`, rng.int(0, 180));
    generateEstate({ city, rng, ids, estateKey, totalUnits: units, deliveredOn, today });
  });

  generateGovernance({ city, rng, ids, today });
  // the departments 明德街道 can call in on a case (吹哨): two of its own, two of its district
  city.departments.push(
    { regionKey: streetKeys[0], kind: 'urban_management', name: '明德街道城管执法中队' },
    { regionKey: districtKeys[0], kind: 'fire', name: '东湖区消防救援大队' },
    { regionKey: districtKeys[0], kind: 'market_supervision', name: '东湖区市场监督管理局' },
    { regionKey: streetKeys[0], kind: 'police', name: '明德派出所' },
  );
  addAccounts(city, ids, today, { city: cityKey, district: districtKeys[0], street: streetKeys[0], community: communityKeys[0] });
  return city;
}

/** Current owners by unit and current units by owner, for picking the demo owners. */
function currentHoldings(city: DemoCity) {
  const ownersOf = new Map<number, number[]>();
  const unitsOf = new Map<number, number[]>();
  const history = new Set<number>();
  for (const o of city.ownerships) {
    if (o.validTo !== null) {
      history.add(o.unitKey);
      continue;
    }
    ownersOf.set(o.unitKey, [...(ownersOf.get(o.unitKey) ?? []), o.ownerKey]);
    unitsOf.set(o.ownerKey, [...(unitsOf.get(o.ownerKey) ?? []), o.unitKey]);
  }
  return { ownersOf, unitsOf, history };
}

/** Picks demo owners among the generated ones (so their data is as plausible as anyone's) and
 *  gives them the demo phones; then one account for every role. */
function addAccounts(city: DemoCity, ids: IdentityFactory, today: string, regions: Record<'city' | 'district' | 'street' | 'community', number>) {
  const { ownersOf, unitsOf, history } = currentHoldings(city);
  const taken = new Set<number>();
  const find = (estateKey: number, test: (units: number[]) => boolean): { ownerKey: number; units: number[] } => {
    for (const [ownerKey, units] of unitsOf) {
      const owner = city.owners[ownerKey];
      if (taken.has(ownerKey) || owner.kind !== 'person' || owner.isDeveloper) continue;
      if (!units.every((u) => city.units[u].estateKey === estateKey && !history.has(u))) continue;
      if (!test(units)) continue;
      taken.add(ownerKey);
      return { ownerKey, units };
    }
    throw new Error('demo city: no owner fits a demo account');
  };
  const sole = (u: number) => ownersOf.get(u)!.length === 1;
  const oneFlat = (units: number[]) => units.length === 1 && city.units[units[0]].kind === 'residential' && sole(units[0]);

  const owner1 = find(0, (u) => u.length === 2 && u.every(sole) && u.some((x) => city.units[x].kind === 'residential'));
  const owner2 = find(0, (u) => u.length === 1 && city.units[u[0]].kind === 'residential' && ownersOf.get(u[0])!.length === 2);
  const owner3 = find(0, oneFlat);
  const owner4 = find(1, oneFlat);
  const chair = find(0, oneFlat);
  const member = find(0, oneFlat);
  const people = { owner1, owner2, owner3, owner4, chair, member } as const;
  for (const [username, p] of Object.entries(people)) city.owners[p.ownerKey].phone = demoAccount(username).phone;

  // estate 1's committee: the chair and a member are these demo owners
  const committeeKey = city.committees.findIndex((c) => c.estateKey === 0 && c.kind === 'committee');
  const seats = city.committeeMembers.filter((m) => m.committeeKey === committeeKey);
  const seat = (role: string) => seats.find((m) => m.role === role)!;
  Object.assign(seat('chair'), { ownerKey: chair.ownerKey, name: city.owners[chair.ownerKey].name });
  Object.assign(seat('member'), { ownerKey: member.ownerKey, name: city.owners[member.ownerKey].name });

  const official = (username: string, role: DemoCity['accounts'][number]['grants'][number]) => {
    const a = demoAccount(username);
    city.accounts.push({ username, phone: a.phone, displayName: ids.personName(), ownerKey: null, grants: [role], bindings: [] });
  };
  official('admin', { role: 'admin', scope: { kind: 'region', key: regions.city } });
  official('city', { role: 'city_officer', scope: { kind: 'region', key: regions.city } });
  official('district', { role: 'district_officer', scope: { kind: 'region', key: regions.district } });
  official('street', { role: 'street_officer', scope: { kind: 'region', key: regions.street } });
  official('community', { role: 'community_officer', scope: { kind: 'region', key: regions.community } });
  official('auditor', { role: 'auditor', scope: { kind: 'region', key: regions.city } });
  const secretaryName = seat('secretary').name;
  city.accounts.push({
    username: 'chair', phone: demoAccount('chair').phone, displayName: city.owners[chair.ownerKey].name, ownerKey: chair.ownerKey,
    grants: [{ role: 'committee_chair', scope: { kind: 'estate', key: 0 } }], bindings: [],
  });
  city.accounts.push({
    username: 'member', phone: demoAccount('member').phone, displayName: city.owners[member.ownerKey].name, ownerKey: member.ownerKey,
    grants: [{ role: 'committee_member', scope: { kind: 'estate', key: 0 } }, { role: 'owner', scope: { kind: 'owner' } }],
    bindings: [{ unitKey: member.units[0], ownerKey: member.ownerKey }],
  });
  city.accounts.push({
    username: 'secretary', phone: demoAccount('secretary').phone, displayName: secretaryName, ownerKey: null,
    grants: [{ role: 'committee_secretary', scope: { kind: 'estate', key: 0 } }], bindings: [],
  });
  official('manager', { role: 'property_manager', scope: { kind: 'company', key: 0 } });
  official('staff', { role: 'property_staff', scope: { kind: 'company', key: 0 } });
  for (const username of ['owner1', 'owner2', 'owner3', 'owner4'] as const) {
    const p = people[username];
    // owner3 has not bound yet: the account is not linked to its owner record until it does
    const bound = username !== 'owner3';
    city.accounts.push({
      username, phone: demoAccount(username).phone, displayName: city.owners[p.ownerKey].name, ownerKey: bound ? p.ownerKey : null,
      grants: [{ role: 'owner', scope: { kind: 'owner' } }],
      bindings: bound ? p.units.map((unitKey) => ({ unitKey, ownerKey: p.ownerKey })) : [],
    });
  }
  // last, so the names drawn for the accounts above stay what they were before departments came
  official('dept', { role: 'department_officer', scope: { kind: 'department', key: 0 } });
  city.invitations.push({
    code: DEMO_INVITATION_CODE, unitKey: owner3.units[0], ownerKey: owner3.ownerKey, issuedByUsername: 'chair', expiresOn: addDays(today, 365),
  });
}
