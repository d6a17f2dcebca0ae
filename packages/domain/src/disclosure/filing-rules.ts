// Periodic disclosure packages (公示备案, issue 5): what a package must contain before it is filed,
// and whether a period's package came in on time. Pure: no clock, no database; dates are
// YYYY-MM-DD strings in Asia/Shanghai, money integer fen.

export type FilingParty = 'company' | 'committee';

export interface FeeStandard { item: string; basis: string; priceFen: number; unit: string }
export interface ServiceContractSummary { companyName: string; startsOn: string; endsOn: string; summary: string }
export interface Contractor { name: string; service: string; amountFen: number; startsOn?: string | null; endsOn?: string | null }
export interface FilingContent {
  feeStandards: FeeStandard[];
  serviceContract: ServiceContractSummary | null;
  contractors: Contractor[];
  notes: string;
}

export const EMPTY_FILING_CONTENT: FilingContent = { feeStandards: [], serviceContract: null, contractors: [], notes: '' };

export interface FilingProblem { field: string; message: string }

const blank = (s: string | null | undefined) => !s || !s.trim();

/** Every part a package of `party` lacks before it may be filed, each naming its field (empty: complete).
 *  The company discloses its fees and its contract (物业服务收费标准、物业服务合同); the committee
 *  says what it manages (notes). Contractors are optional for both, but a listed one is complete. */
export function filingContentProblems(party: FilingParty, c: FilingContent): FilingProblem[] {
  const out: FilingProblem[] = [];
  if (party === 'company') {
    if (!c.feeStandards.length) out.push({ field: 'content.feeStandards', message: '请至少填写一项收费标准（收费项目、计费依据、单价、计价单位）' });
    c.feeStandards.forEach((f, i) => {
      if (blank(f.item)) out.push({ field: `content.feeStandards.${i}.item`, message: `第${i + 1}项收费标准缺少收费项目` });
      if (blank(f.unit)) out.push({ field: `content.feeStandards.${i}.unit`, message: `第${i + 1}项收费标准缺少计价单位` });
    });
    const sc = c.serviceContract;
    if (!sc) out.push({ field: 'content.serviceContract', message: '请填写物业服务合同（服务企业、合同期限、主要内容）' });
    else {
      if (blank(sc.companyName)) out.push({ field: 'content.serviceContract.companyName', message: '物业服务合同缺少服务企业名称' });
      if (blank(sc.startsOn)) out.push({ field: 'content.serviceContract.startsOn', message: '物业服务合同缺少起始日期' });
      if (blank(sc.endsOn)) out.push({ field: 'content.serviceContract.endsOn', message: '物业服务合同缺少终止日期' });
      if (!blank(sc.startsOn) && !blank(sc.endsOn) && sc.endsOn < sc.startsOn) {
        out.push({ field: 'content.serviceContract.endsOn', message: '物业服务合同的终止日期早于起始日期' });
      }
      if (blank(sc.summary)) out.push({ field: 'content.serviceContract.summary', message: '物业服务合同缺少主要内容摘要' });
    }
  } else if (blank(c.notes)) {
    out.push({ field: 'content.notes', message: '请说明业主委员会本期管理的事项（如公共收益、维修资金使用等）' });
  }
  c.contractors.forEach((k, i) => {
    if (blank(k.name)) out.push({ field: `content.contractors.${i}.name`, message: `第${i + 1}家外包单位缺少名称` });
    if (blank(k.service)) out.push({ field: `content.contractors.${i}.service`, message: `第${i + 1}家外包单位缺少服务内容` });
  });
  return out;
}

/** A package filed on `filedOn` for a period due on `dueOn`: on time up to and including the due day. */
export function filedLate(dueOn: string, filedOn: string): boolean {
  return filedOn > dueOn;
}

/** What officers see for one estate, party and period:
 *  - on_time / late: filed (the first filing date decides: the deadline is met by filing, a later
 *    version after a return does not make it late), and its latest review is not a return;
 *  - returned: the latest filed version was returned and no newer version has been filed;
 *  - missing: nothing filed and the due day has passed; pending: nothing filed, not due yet. */
export type FilingStatus = 'on_time' | 'late' | 'missing' | 'returned' | 'pending';

export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  on_time: '按时报送', late: '逾期报送', missing: '逾期未报', returned: '已退回', pending: '未到期',
};

export function filingStatus(o: {
  dueOn: string; today: string;
  /** the local date the period's first version was filed, or null */
  firstFiledOn: string | null;
  /** the state of the latest version that left draft, or null */
  latestFiledState: 'filed' | 'acknowledged' | 'returned' | null;
}): FilingStatus {
  if (o.firstFiledOn === null || o.latestFiledState === null) return o.today > o.dueOn ? 'missing' : 'pending';
  if (o.latestFiledState === 'returned') return 'returned';
  return filedLate(o.dueOn, o.firstFiledOn) ? 'late' : 'on_time';
}
