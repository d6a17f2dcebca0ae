import type { AreaSource, DemoCity, UnitKind, UnitStatus } from './demo-city-types.ts';
import type { IdentityFactory } from './identities.ts';
import { addDays, type Rng } from './prng.ts';

// One estate's buildings, units, owners and ownerships, appended to the city. Towers of
// flats numbered building-floor-position ("3-1202"), an underground car park and a row of
// shops; the developer keeps its unsold and undelivered units.

export interface EstateOptions {
  city: DemoCity;
  rng: Rng;
  ids: IdentityFactory;
  estateKey: number;
  totalUnits: number;
  deliveredOn: string;
  today: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function towerShape(total: number): { floors: number; perFloor: number } {
  if (total >= 3000) return { floors: 33, perFloor: 4 };
  if (total >= 1500) return { floors: 26, perFloor: 4 };
  if (total >= 700) return { floors: 18, perFloor: 4 };
  return { floors: 11, perFloor: 2 };
}

export function generateEstate(o: EstateOptions): void {
  const { city, rng, ids, estateKey, totalUnits } = o;
  const shops = Math.max(4, Math.round(totalUnits * 0.03));
  const parking = Math.round(totalUnits * 0.17);
  const flats = totalUnits - shops - parking;
  const developerKey = city.estates[estateKey].developerKey;
  const firstUnit = city.units.length;

  const addBuilding = (name: string, floors: number) => city.buildings.push({ estateKey, name, floors }) - 1;
  const addUnit = (buildingKey: number, number: string, kind: UnitKind, areaCenti: number, status: UnitStatus) => {
    const r = rng.next();
    // most areas come from the real-estate register; some only from a survey or the sale contract
    const areaSource: AreaSource = r < 0.7 ? 'registry' : r < 0.9 ? 'survey' : 'contract';
    city.units.push({ estateKey, buildingKey, number, areaCenti, areaSource, kind, status });
  };

  // flats: each position on a floor has one floor plan and so one area
  const { floors, perFloor } = towerShape(totalUnits);
  const plans = Array.from({ length: perFloor }, () => rng.int(5000, 17800));
  let left = flats;
  for (let b = 1; left > 0; b++) {
    const n = Math.min(left, floors * perFloor);
    const bk = addBuilding(`${b}号楼`, Math.ceil(n / perFloor));
    for (let i = 0; i < n; i++) {
      const floor = Math.floor(i / perFloor) + 1;
      const pos = (i % perFloor) + 1;
      const status: UnitStatus = rng.chance(0.015) ? 'undelivered' : rng.chance(0.005) ? 'unsold' : 'sold';
      addUnit(bk, `${b}-${floor}${pad(pos, 2)}`, 'residential', plans[pos - 1] + rng.int(-100, 100), status);
    }
    left -= n;
  }
  // underground car park, one or two levels
  const levels = parking > 400 ? 2 : 1;
  const garage = addBuilding('地下车库', levels);
  for (let i = 0; i < parking; i++) {
    const level = i < Math.ceil(parking / levels) ? 1 : 2;
    addUnit(garage, `B${level}-${pad(i + 1, 4)}`, 'parking', rng.int(1000, 1500), rng.chance(0.08) ? 'unsold' : 'sold');
  }
  const row = addBuilding('商铺', shops > 60 ? 2 : 1);
  for (let i = 0; i < shops; i++) {
    addUnit(row, `S-${pad(i + 1, 3)}`, 'commercial', rng.int(3000, 30000), rng.chance(0.1) ? 'unsold' : 'sold');
  }
  // the developer always keeps at least one unit, so every estate shows the developer's head
  if (!city.units.slice(firstUnit).some((u) => u.status !== 'sold')) city.units[city.units.length - 1].status = 'unsold';

  assignOwners(o, firstUnit, developerKey);
}

function assignOwners(o: EstateOptions, firstUnit: number, developerKey: number): void {
  const { city, rng, ids, deliveredOn, today } = o;
  const personsHere: number[] = [];
  const newPerson = () => {
    const key = city.owners.push({
      kind: 'person', name: ids.personName(), phone: ids.phone(), idNumber: ids.idNumber(), creditCode: null, isDeveloper: false,
    }) - 1;
    personsHere.push(key);
    return key;
  };
  const newOrganisation = () =>
    city.owners.push({
      kind: 'organisation', name: `示范市${ids.personName().slice(1)}商贸有限公司`, phone: ids.phone(), idNumber: null,
      creditCode: ids.creditCode(), isDeveloper: false,
    }) - 1;
  const own = (unitKey: number, ownerKey: number, validFrom: string, validTo: string | null = null) =>
    city.ownerships.push({ unitKey, ownerKey, validFrom, validTo });
  const latestStart = addDays(today, -30);
  const purchaseDate = () => {
    const d = addDays(deliveredOn, rng.int(0, 400));
    return d < latestStart ? d : latestStart;
  };

  for (let u = firstUnit; u < city.units.length; u++) {
    const unit = city.units[u];
    if (unit.status !== 'sold') {
      own(u, developerKey, deliveredOn);
      continue;
    }
    let from = purchaseDate();
    let earlier = -1;
    // some units changed hands: the earlier owner's ownership is closed on the day of the sale
    if (rng.chance(0.08)) {
      const resale = addDays(from, rng.int(365, 2500));
      if (resale < latestStart) {
        earlier = newPerson();
        own(u, earlier, from, resale);
        from = resale;
      }
    }
    const someoneHere = personsHere.length > 0 ? rng.pick(personsHere) : earlier;
    if (unit.kind === 'commercial' && rng.chance(0.25)) {
      own(u, newOrganisation(), from);
    } else if (unit.kind === 'parking' && someoneHere !== earlier && rng.chance(0.6)) {
      // most parking spaces belong to someone who also owns a flat here
      own(u, someoneHere, from);
    } else if (unit.kind === 'residential' && someoneHere !== earlier && rng.chance(0.04)) {
      own(u, someoneHere, from); // a second flat
    } else {
      own(u, newPerson(), from);
      if (unit.kind === 'residential' && rng.chance(0.15)) own(u, newPerson(), from); // spouses: co-owners
    }
  }
}
