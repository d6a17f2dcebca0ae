import { z } from 'zod';

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
