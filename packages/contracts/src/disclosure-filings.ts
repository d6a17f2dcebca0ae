import { z } from 'zod';

// API shapes of the disclosure module's filings part (issue 5, 公示备案), shared by the server and
// the web. Per period the company (and the committee, for what it manages) compiles a package —
// fee standards, the service contract, contractors, the common-revenue and maintenance-fund
// statements — publishes it to the owners and files it with the street office or district bureau,
// which acknowledges it or returns it with reasons. Money integer fen, dates YYYY-MM-DD
// (Asia/Shanghai), timestamps ISO.

const id = z.coerce.number().int().positive();
const int = z.number().int();
const dateOrBlank = z.string().trim().regex(/^(\d{4}-\d{2}-\d{2})?$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过${max}个字符`);
const fen = z.number({ error: '金额应为整数（分）' }).int('金额应为整数（分）').min(0, '金额不能为负数').max(1e12, '金额过大');

export const FILING_PARTIES = ['company', 'committee'] as const;
export type FilingPartyKey = (typeof FILING_PARTIES)[number];
export const FILING_PARTY_LABELS: Record<FilingPartyKey, string> = { company: '物业服务企业', committee: '业主委员会' };
export const FILING_STATES = ['draft', 'filed', 'acknowledged', 'returned'] as const;
export const FILING_STATE_LABELS: Record<(typeof FILING_STATES)[number], string> = {
  draft: '草稿', filed: '已报送', acknowledged: '已确认备案', returned: '已退回',
};
export const FILE_WITH_LABELS: Record<'street' | 'district', string> = { street: '街道办事处', district: '区（县）房管部门' };
export const FILING_STATUSES = ['on_time', 'late', 'missing', 'returned', 'pending'] as const;

// --- the package's content (a draft may be incomplete; completeness is checked at filing) ---------
export const filingFeeStandard = z.object({
  item: text(100, '收费项目'),
  basis: text(200, '计费依据').default(''),
  priceFen: fen,
  unit: text(20, '计价单位'),
});
export const filingServiceContract = z.object({
  companyName: text(200, '服务企业名称'),
  startsOn: dateOrBlank,
  endsOn: dateOrBlank,
  summary: text(2000, '合同摘要').default(''),
});
export const filingContractor = z.object({
  name: text(200, '外包单位名称'),
  service: text(200, '服务内容'),
  amountFen: fen,
  startsOn: dateOrBlank.nullable().optional(),
  endsOn: dateOrBlank.nullable().optional(),
});
export const filingContent = z.object({
  feeStandards: z.array(filingFeeStandard).max(50, '收费标准最多50项').default([]),
  serviceContract: filingServiceContract.nullable().default(null),
  contractors: z.array(filingContractor).max(100, '外包单位最多100家').default([]),
  notes: text(5000, '说明').default(''),
});
export type FilingContentInput = z.input<typeof filingContent>;
export type FilingContentView = z.infer<typeof filingContent>;

// --- requests --------------------------------------------------------------------------------
export const filingParams = z.object({ id });
export const estateFilingParams = z.object({ id });

/** POST /estates/:id/filings: a draft for a period of the city's kind (2026-Q3, 2026-10, 2026-H2) */
export const filingCreateBody = z.object({
  periodKey: z.string({ error: '请选择公示期间' }).trim().min(1, '请选择公示期间').max(10, '期间格式不正确'),
});
export type FilingCreateBody = z.input<typeof filingCreateBody>;

/** PATCH /filings/:id (draft only) */
export const filingUpdateBody = z.object({
  content: filingContent.optional(),
  revenueStatementId: z.number().int().positive().nullable().optional(),
  fundStatementId: z.number().int().positive().nullable().optional(),
});
export type FilingUpdateBody = z.input<typeof filingUpdateBody>;

/** POST /filings/:id/acknowledge */
export const filingAcknowledgeBody = z.object({ note: text(1000, '备注').default('') });
export type FilingAcknowledgeBody = z.input<typeof filingAcknowledgeBody>;
/** POST /filings/:id/return */
export const filingReturnBody = z.object({
  reason: z.string({ error: '请填写退回理由' }).trim().min(1, '请填写退回理由').max(1000, '退回理由不能超过1000个字符'),
});
export type FilingReturnBody = z.input<typeof filingReturnBody>;

/** GET /filings */
export const filingListQuery = z.object({
  estateId: id.optional(),
  periodKey: z.string().trim().max(10).optional(),
  party: z.enum(FILING_PARTIES, { error: '主体应为 company 或 committee' }).optional(),
  state: z.enum(FILING_STATES, { error: '状态不正确' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FilingListQuery = z.input<typeof filingListQuery>;

/** GET /disclosure/filing-status(.xlsx) */
export const filingStatusQuery = z.object({
  /** default: each estate's last complete period under its city's rule */
  periodKey: z.string().trim().max(10).optional(),
  regionId: id.optional(),
  status: z.enum(FILING_STATUSES, { error: '状态应为 on_time、late、missing、returned 或 pending' }).optional(),
});
export type FilingStatusQuery = z.input<typeof filingStatusQuery>;

/** GET /disclosure/city-rules */
export const cityRulesQuery = z.object({ estateId: id });

// --- answers ---------------------------------------------------------------------------------
export const disclosureCityRulesView = z.object({
  estateId: int,
  cityRegionId: int.nullable(),
  cityName: z.string(),
  /** false: no row for the city, the defaults apply */
  configured: z.boolean(),
  periodKind: z.enum(['month', 'quarter', 'half_year']),
  periodKindLabel: z.string(),
  filingDueDays: int,
  fileWith: z.enum(['street', 'district']),
  fileWithLabel: z.string(),
  answerDays: int,
  /** the last complete period today and the day its package is due */
  currentPeriodKey: z.string(),
  currentPeriodLabel: z.string(),
  currentDueOn: z.string(),
});
export type DisclosureCityRulesView = z.infer<typeof disclosureCityRulesView>;

/** PUT /disclosure/city-rules/:cityRegionId (city officers and admins): the city's rule, ranges as
 *  the table's CHECKs. Filings already begun keep their stored due day. */
export const cityRulesParams = z.object({ cityRegionId: id });
export const cityRulesUpdateBody = z.object({
  periodKind: z.enum(['month', 'quarter', 'half_year'], { error: '公示周期应为 按月、按季度 或 按半年' }),
  filingDueDays: z.number({ error: '报送期限（天）应为整数' }).int('报送期限（天）应为整数')
    .min(1, '报送期限（天）应在1至120之间').max(120, '报送期限（天）应在1至120之间'),
  fileWith: z.enum(['street', 'district'], { error: '报送对象应为 街道办事处 或 区（县）房管部门' }),
  answerDays: z.number({ error: '质询答复期限（天）应为整数' }).int('质询答复期限（天）应为整数')
    .min(1, '质询答复期限（天）应在1至60之间').max(60, '质询答复期限（天）应在1至60之间'),
});
export type CityRulesUpdateBody = z.input<typeof cityRulesUpdateBody>;
export const cityRulesOfCityView = z.object({
  cityRegionId: int,
  cityName: z.string(),
  configured: z.boolean(),
  periodKind: z.enum(['month', 'quarter', 'half_year']),
  periodKindLabel: z.string(),
  filingDueDays: int,
  fileWith: z.enum(['street', 'district']),
  fileWithLabel: z.string(),
  answerDays: int,
});
export type CityRulesOfCityView = z.infer<typeof cityRulesOfCityView>;

export const filingVersionItem = z.object({
  id: int, version: int, state: z.string(), stateLabel: z.string(), filedAt: z.string().nullable(), reviewNote: z.string().nullable(),
});

export const filingListItem = z.object({
  id: int,
  estateId: int,
  estateName: z.string(),
  party: z.enum(FILING_PARTIES),
  partyLabel: z.string(),
  partyName: z.string(),
  periodKind: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
  version: int,
  state: z.enum(FILING_STATES),
  stateLabel: z.string(),
  filedWith: z.enum(['street', 'district']).nullable(),
  filedWithName: z.string().nullable(),
  filedAt: z.string().nullable(),
  /** filed after its due day (Asia/Shanghai) */
  late: z.boolean(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  noticeId: int.nullable(),
});
export type FilingListItem = z.infer<typeof filingListItem>;
export const filingPage = z.object({ items: z.array(filingListItem), total: int });

const attachmentLite = z.object({
  id: int, recordType: z.string(), kind: z.string(), filename: z.string(), mime: z.string(), sizeBytes: int, createdAt: z.string(),
});

export const filingDetail = filingListItem.extend({
  content: filingContent,
  supersedesId: int.nullable(),
  revenueStatementId: int.nullable(),
  fundStatementId: int.nullable(),
  revenueStatement: z.object({
    id: int, periodKey: z.string(), periodStart: z.string(), periodEnd: z.string(),
    openingFen: int, incomeFen: int, expenseFen: int, netFen: int, closingFen: int,
  }).nullable(),
  fundStatement: z.object({
    id: int, periodStart: z.string(), periodEnd: z.string(), openingFen: int.nullable(), closingFen: int.nullable(),
  }).nullable(),
  filedByName: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attachments: z.array(attachmentLite),
  versions: z.array(filingVersionItem),
  /** for the caller: edit, file, new_version, acknowledge, return */
  availableActions: z.array(z.string()),
});
export type FilingDetail = z.infer<typeof filingDetail>;

export const filingStatusRow = z.object({
  estateId: int,
  estateName: z.string(),
  streetName: z.string(),
  party: z.enum(FILING_PARTIES),
  partyLabel: z.string(),
  periodKey: z.string(),
  periodLabel: z.string(),
  dueOn: z.string(),
  status: z.enum(FILING_STATUSES),
  statusLabel: z.string(),
  latest: filingVersionItem.nullable(),
  /** filed after the due day, or still not filed after it */
  late: z.boolean(),
  /** flagged overdue by the daily check */
  flagged: z.boolean(),
});
export type FilingStatusRow = z.infer<typeof filingStatusRow>;
export const filingStatusView = z.object({
  today: z.string(),
  rows: z.array(filingStatusRow),
  summary: z.object({ total: int, onTime: int, late: int, missing: int, returned: int, pending: int }),
});
export type FilingStatusView = z.infer<typeof filingStatusView>;

export const filingStepResult = z.object({ id: int, state: z.enum(FILING_STATES), stateLabel: z.string(), noticeId: int.nullable() });

/** Owner: the published packages of my estates (the latest filed version per party and period) */
export const myFilingItem = filingListItem.pick({
  id: true, estateId: true, estateName: true, party: true, partyLabel: true, partyName: true, periodKey: true, periodLabel: true,
  version: true, state: true, stateLabel: true, filedAt: true, noticeId: true,
});
export const myFilingList = z.object({ items: z.array(myFilingItem) });
export const myFilingDetail = filingDetail.omit({ availableActions: true, filedByName: true, reviewedByName: true });
export type MyFilingDetail = z.infer<typeof myFilingDetail>;
