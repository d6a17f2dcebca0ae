import type { DemoCity } from './demo-city-types.ts';
import type { IdentityFactory } from './identities.ts';
import { addDays, addYears, type Rng } from './prng.ts';

// Property companies with their service contracts, and the committees with their members.
// Three situations a demo should show: a contract that ended last year and was replaced, an
// estate whose committee term has ended (renewal due), and an estate with no committee where an
// acting body serves instead.

export const EXPIRED_CONTRACT_ESTATE = 7;
export const RENEWAL_DUE_ESTATE = 9;
export const ACTING_BODY_ESTATE = 11;

const COMPANIES = ['示范市安居物业服务有限公司', '示范市康华物业管理有限公司', '示范市锦程物业服务有限公司'];

export function generateGovernance(o: { city: DemoCity; rng: Rng; ids: IdentityFactory; today: string }): void {
  const { city, rng, ids, today } = o;
  for (const name of COMPANIES) city.companies.push({ name, creditCode: ids.creditCode(), phone: ids.phone() });

  const year = Number(today.slice(0, 4));
  city.estates.forEach((_, e) => {
    const companyKey = e % COMPANIES.length;
    if (e === EXPIRED_CONTRACT_ESTATE) {
      // the old contract ran out last year; the committee hired another company from January
      city.contracts.push({ companyKey, estateKey: e, startsOn: `${year - 4}-01-01`, endsOn: `${year - 1}-12-31` });
      city.contracts.push({ companyKey: (companyKey + 1) % COMPANIES.length, estateKey: e, startsOn: `${year}-01-01`, endsOn: `${year + 2}-12-31` });
      return;
    }
    const startsOn = addDays(today, -rng.int(30, 700));
    city.contracts.push({ companyKey, estateKey: e, startsOn, endsOn: addDays(addYears(startsOn, 3), -1) });
  });

  // current owners (persons) of each estate, candidates for committee seats
  const candidates = new Map<number, number[]>();
  for (const os of city.ownerships) {
    const owner = city.owners[os.ownerKey];
    if (os.validTo !== null || owner.kind !== 'person') continue;
    const estateKey = city.units[os.unitKey].estateKey;
    candidates.set(estateKey, [...(candidates.get(estateKey) ?? []), os.ownerKey]);
  }
  // a full-time secretary may serve three or four estates
  const secretaries = [ids.personName(), ids.personName(), ids.personName()];

  city.estates.forEach((estate, e) => {
    const pool = [...new Set(candidates.get(e) ?? [])];
    const draw = () => pool.splice(rng.int(0, pool.length - 1), 1)[0];
    if (e === ACTING_BODY_ESTATE) {
      const termStart = addDays(today, -rng.int(100, 300));
      const termEnd = addDays(addYears(termStart, 3), -1);
      const community = city.regions[estate.communityKey].name;
      const key = city.committees.push({ estateKey: e, kind: 'property_management_committee', name: `${community}物业管理委员会（${estate.name}）`, termStart, termEnd }) - 1;
      // chaired by a residents' committee cadre; owners' representatives sit with them
      city.committeeMembers.push({ committeeKey: key, ownerKey: null, name: ids.personName(), role: 'chair', termStart, termEnd });
      for (let i = 0; i < 2; i++) {
        const ownerKey = draw();
        city.committeeMembers.push({ committeeKey: key, ownerKey, name: city.owners[ownerKey].name, role: 'member', termStart, termEnd });
      }
      return;
    }
    // a five-year term; one estate's ended two months ago and is due for renewal
    const termStart = e === RENEWAL_DUE_ESTATE ? addDays(addYears(today, -5), -60) : addDays(today, -rng.int(60, 1500));
    const termEnd = addDays(addYears(termStart, 5), -1);
    const key = city.committees.push({ estateKey: e, kind: 'committee', name: `${estate.name}业主委员会`, termStart, termEnd }) - 1;
    const seats = pool.length > 2000 ? 7 : 5;
    for (let i = 0; i < seats; i++) {
      const ownerKey = draw();
      const role = i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member';
      city.committeeMembers.push({ committeeKey: key, ownerKey, name: city.owners[ownerKey].name, role, termStart, termEnd });
    }
    city.committeeMembers.push({ committeeKey: key, ownerKey: null, name: secretaries[Math.floor(e / 4)], role: 'secretary', termStart, termEnd });
  });
}
