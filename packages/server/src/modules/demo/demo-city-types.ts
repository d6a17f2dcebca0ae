import type { Role } from '@gongzhi/contracts';

// The demo city as plain data. Records refer to each other by their index ("key") in the
// arrays below; the loader turns keys into database ids.

export type RegionLevel = 'city' | 'district' | 'street' | 'community';
export type AreaSource = 'registry' | 'survey' | 'contract';
export type UnitKind = 'residential' | 'commercial' | 'parking';
export type UnitStatus = 'sold' | 'unsold' | 'undelivered';

export interface DemoRegion { parentKey: number | null; level: RegionLevel; name: string; code: string }
export interface DemoOwner {
  kind: 'person' | 'organisation';
  name: string;
  phone: string | null;
  idNumber: string | null;
  creditCode: string | null;
  isDeveloper: boolean;
}
export interface DemoEstate { communityKey: number; name: string; code: string; address: string; developerKey: number }
export interface DemoBuilding { estateKey: number; name: string; floors: number }
export interface DemoUnit {
  estateKey: number;
  buildingKey: number;
  number: string;
  areaCenti: number;
  areaSource: AreaSource;
  kind: UnitKind;
  status: UnitStatus;
}
export interface DemoOwnership { unitKey: number; ownerKey: number; validFrom: string; validTo: string | null }
export interface DemoCompany { name: string; creditCode: string; phone: string }
export interface DemoContract { companyKey: number; estateKey: number; startsOn: string; endsOn: string }
export type CommitteeKind = 'committee' | 'residents_committee' | 'property_management_committee';
export interface DemoCommittee { estateKey: number; kind: CommitteeKind; name: string; termStart: string; termEnd: string }
export interface DemoCommitteeMember {
  committeeKey: number;
  ownerKey: number | null;
  name: string;
  role: 'chair' | 'vice_chair' | 'member' | 'secretary';
  termStart: string;
  termEnd: string;
}
export type DemoScope =
  | { kind: 'region'; key: number }
  | { kind: 'estate'; key: number }
  | { kind: 'company'; key: number }
  | { kind: 'department'; key: number }
  | { kind: 'owner' };
export interface DemoAccountRow {
  username: string;
  phone: string | null;
  displayName: string;
  ownerKey: number | null;
  grants: { role: Role; scope: DemoScope }[];
  /** approved bindings of owner accounts */
  bindings: { unitKey: number; ownerKey: number }[];
}
/** a department (职能部门) of a street or district: the street office calls it in on cases (吹哨) */
export interface DemoDepartment { regionKey: number; kind: 'urban_management' | 'fire' | 'market_supervision' | 'police'; name: string }
export interface DemoInvitation { code: string; unitKey: number; ownerKey: number; issuedByUsername: string; expiresOn: string }

export interface DemoCity {
  seed: number;
  today: string;
  regions: DemoRegion[];
  owners: DemoOwner[];
  estates: DemoEstate[];
  buildings: DemoBuilding[];
  units: DemoUnit[];
  ownerships: DemoOwnership[];
  companies: DemoCompany[];
  contracts: DemoContract[];
  committees: DemoCommittee[];
  committeeMembers: DemoCommitteeMember[];
  accounts: DemoAccountRow[];
  invitations: DemoInvitation[];
  departments: DemoDepartment[];
}
