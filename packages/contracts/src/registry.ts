import { z } from 'zod';
import { calendarDay } from './calendar.ts';

// Roster columns: import and export use exactly these headers, in this order.
// Co-owners of one unit share a row: names, ID numbers and phones separated by "；" or ";".
export const ROSTER_COLUMNS = [
  { key: 'building', header: '楼栋' },
  { key: 'unit', header: '房号' },
  { key: 'kind', header: '类型' }, // 住宅 / 商业 / 车位
  { key: 'status', header: '状态' }, // 已售 / 未售 / 未交付
  { key: 'area', header: '面积(㎡)' }, // at most two decimals
  { key: 'areaSource', header: '面积来源' }, // 不动产登记 / 实测 / 合同
  { key: 'ownerKind', header: '业主类型' }, // 个人 / 单位
  { key: 'ownerName', header: '业主姓名或名称' },
  { key: 'idNumber', header: '证件号码' }, // ID number (persons) or unified social credit code
  { key: 'phone', header: '手机号' },
  { key: 'since', header: '产权起始日期' }, // YYYY-MM-DD
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];

export const UNIT_KIND_LABELS = { residential: '住宅', commercial: '商业', parking: '车位' } as const;
export const UNIT_STATUS_LABELS = { sold: '已售', unsold: '未售', undelivered: '未交付' } as const;
export const AREA_SOURCE_LABELS = { registry: '不动产登记', survey: '实测', contract: '合同' } as const;
export const OWNER_KIND_LABELS = { person: '个人', organisation: '单位' } as const;
export const REGION_LEVEL_LABELS = { city: '市', district: '区', street: '街道', community: '社区' } as const;

export const unitKind = z.enum(['residential', 'commercial', 'parking']);
export const unitStatus = z.enum(['sold', 'unsold', 'undelivered']);
export const areaSource = z.enum(['registry', 'survey', 'contract']);

/** Common list query: paging, free-text search, sorting. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(100).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** One error found in an imported roster: 1-based spreadsheet row, column header, reason in Chinese. */
export const importIssue = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
export type ImportIssue = z.infer<typeof importIssue>;

// ---------------------------------------------------------------------------------------------
// Registry API: request and response schemas (server validates with them, the web reuses them).

const id = z.coerce.number().int().positive();
export const idParam = z.object({ id });
const isoDate = calendarDay();
const optionalId = id.optional();
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const trimmed = (label: string, max = 100) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字符`);

export const regionLevel = z.enum(['city', 'district', 'street', 'community']);
export const committeeKind = z.enum(['committee', 'residents_committee', 'property_management_committee']);
export const committeeRole = z.enum(['chair', 'vice_chair', 'member', 'secretary']);
export const ownerKind = z.enum(['person', 'organisation']);
/** committee: an owners' committee in office; acting_body: a residents' / property management committee instead */
export const committeeStatus = z.enum(['committee', 'acting_body', 'none']);
export const COMMITTEE_KIND_LABELS = {
  committee: '业主委员会', residents_committee: '居民委员会', property_management_committee: '物业管理委员会',
} as const;
export const COMMITTEE_ROLE_LABELS = { chair: '主任', vice_chair: '副主任', member: '委员', secretary: '专职秘书' } as const;

export const regionView = z.object({
  id: z.number().int(), parentId: z.number().int().nullable(), level: regionLevel, name: z.string(),
  code: z.string(), path: z.string(),
  /** estates in the caller's scope under this region */
  estateCount: z.number().int(),
});
export type RegionView = z.infer<typeof regionView>;

export const estateListQuery = pageQuery.extend({ regionId: optionalId });
export const estateView = z.object({
  id: z.number().int(), name: z.string(), code: z.string(), address: z.string(),
  communityId: z.number().int(), communityName: z.string(), streetName: z.string().nullable(), districtName: z.string().nullable(),
  unitCount: z.number().int(), totalAreaCenti: z.number().int(), buildingCount: z.number().int(),
  propertyCompanyName: z.string().nullable(), committeeStatus,
});
export type EstateView = z.infer<typeof estateView>;

export const serviceContractView = z.object({
  id: z.number().int(), companyId: z.number().int(), companyName: z.string(), estateId: z.number().int(),
  estateName: z.string(), startsOn: z.string(), endsOn: z.string(), active: z.boolean(),
});
export type ServiceContractView = z.infer<typeof serviceContractView>;

export const committeeView = z.object({
  id: z.number().int(), estateId: z.number().int(), estateName: z.string(), kind: committeeKind, name: z.string(),
  termStart: z.string(), termEnd: z.string(), memberCount: z.number().int(),
});
export type CommitteeView = z.infer<typeof committeeView>;

export const estateDetailView = estateView.extend({
  developerName: z.string().nullable(),
  serviceContracts: z.array(serviceContractView),
  committees: z.array(committeeView),
});
export type EstateDetailView = z.infer<typeof estateDetailView>;

export const buildingView = z.object({
  id: z.number().int(), estateId: z.number().int(), name: z.string(), floors: z.number().int(), unitCount: z.number().int(),
});
export type BuildingView = z.infer<typeof buildingView>;

export const unitListQuery = pageQuery.extend({
  estateId: optionalId, buildingId: optionalId, kind: unitKind.optional(), status: unitStatus.optional(),
  areaSource: areaSource.optional(),
});
export const unitView = z.object({
  id: z.number().int(), estateId: z.number().int(), buildingId: z.number().int(), buildingName: z.string(),
  number: z.string(), areaCenti: z.number().int(), areaSource, kind: unitKind, status: unitStatus,
  ownerNames: z.array(z.string()), coOwned: z.boolean(),
});
export type UnitView = z.infer<typeof unitView>;

export const ownershipView = z.object({
  id: z.number().int(), unitId: z.number().int(), ownerId: z.number().int(), ownerName: z.string(), ownerKind,
  /** masked ID number for persons, credit code for organisations */
  document: z.string(), validFrom: z.string(), validTo: z.string().nullable(), current: z.boolean(),
});
export type OwnershipView = z.infer<typeof ownershipView>;

export const unitDetailView = unitView.extend({
  estateName: z.string(),
  /** oldest first */
  history: z.array(ownershipView),
});
export type UnitDetailView = z.infer<typeof unitDetailView>;

export const ownerListQuery = pageQuery.extend({ estateId: optionalId, kind: ownerKind.optional() });
export const ownerView = z.object({
  id: z.number().int(), kind: ownerKind, name: z.string(), maskedIdNumber: z.string(), creditCode: z.string().nullable(),
  maskedPhone: z.string(), isDeveloper: z.boolean(), unitCount: z.number().int(),
});
export type OwnerView = z.infer<typeof ownerView>;

export const ownerUnitView = z.object({
  ownershipId: z.number().int(), unitId: z.number().int(), estateId: z.number().int(), estateName: z.string(),
  buildingName: z.string(), number: z.string(), areaCenti: z.number().int(), validFrom: z.string(),
  validTo: z.string().nullable(), current: z.boolean(),
});
export const ownerDetailView = ownerView.extend({ ownerships: z.array(ownerUnitView) });
export type OwnerDetailView = z.infer<typeof ownerDetailView>;
export const revealIdView = z.object({ ownerId: z.number().int(), idNumber: z.string() });

export const companyListQuery = pageQuery;
export const companyView = z.object({
  id: z.number().int(), name: z.string(), creditCode: z.string(), phone: z.string().nullable(),
  /** contracts with estates in the caller's scope */
  contractCount: z.number().int(),
});
export type CompanyView = z.infer<typeof companyView>;
export const companyDetailView = companyView.extend({ contracts: z.array(serviceContractView) });

export const serviceContractListQuery = pageQuery.extend({ estateId: optionalId, companyId: optionalId, active: boolQuery.optional() });
export const committeeListQuery = pageQuery.extend({ estateId: optionalId, kind: committeeKind.optional() });
export const committeeMemberView = z.object({
  id: z.number().int(), name: z.string(), role: committeeRole, ownerId: z.number().int().nullable(),
  termStart: z.string(), termEnd: z.string(),
});
export const committeeDetailView = committeeView.extend({ members: z.array(committeeMemberView) });

// Writes ---------------------------------------------------------------------------------------

const areaCenti = z
  .number({ error: '请填写面积（单位：0.01平方米）' })
  .int('面积须为整数（单位：0.01平方米）')
  .positive('面积必须大于0')
  .max(10_000_000, '面积不能超过100000平方米');
const phone = z.string().trim().regex(/^1\d{10}$/, '手机号应为11位数字，以1开头');

export const createEstateBody = z.object({
  communityId: id,
  name: trimmed('小区名称'),
  code: trimmed('小区编码', 40),
  address: z.string().trim().max(200, '地址不能超过200个字符').default(''),
  developer: z.object({ name: trimmed('建设单位名称'), creditCode: z.string().trim() }).optional(),
});
export const createBuildingBody = z.object({
  name: trimmed('楼栋名称', 40),
  floors: z.number({ error: '请填写层数' }).int('层数须为整数').min(1, '层数至少为1').max(200, '层数不能超过200'),
});
export const createUnitBody = z.object({
  buildingId: id,
  number: trimmed('房号', 40),
  areaCenti,
  areaSource,
  kind: unitKind,
  status: unitStatus,
});
export const updateUnitBody = z
  .object({ areaCenti: areaCenti.optional(), areaSource: areaSource.optional(), kind: unitKind.optional(), status: unitStatus.optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), '至少修改一项');
export const transferUnitBody = z.object({
  owners: z.array(z.object({ ownerId: id }), { error: '请选择新业主' }).min(1, '至少选择一位新业主').max(20, '共有人不能超过20位'),
  date: isoDate,
});
export const createOwnerBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: trimmed('姓名', 50), phone: phone.optional(), idNumber: z.string({ error: '请填写身份证号码' }).trim() }),
  z.object({ kind: z.literal('organisation'), name: trimmed('单位名称'), phone: phone.optional(), creditCode: z.string({ error: '请填写统一社会信用代码' }).trim() }),
], { error: '业主类型应为 person（个人）或 organisation（单位）' });
export const createCompanyBody = z.object({ name: trimmed('企业名称'), creditCode: z.string({ error: '请填写统一社会信用代码' }).trim(), phone: z.string().trim().max(30, '电话不能超过30个字符').optional() });
export const createServiceContractBody = z.object({ companyId: id, estateId: id, startsOn: isoDate, endsOn: isoDate });
export const createCommitteeBody = z.object({ estateId: id, kind: committeeKind, name: trimmed('名称'), termStart: isoDate, termEnd: isoDate });
export const createCommitteeMemberBody = z.object({
  name: trimmed('姓名', 50), role: committeeRole, ownerId: id.optional(), termStart: isoDate, termEnd: isoDate,
});
