// 住宅专项维修资金管理办法 第二十五条: four kinds of cost that may never be paid from the fund. The
// applicant declares each one absent (fund_applications.exclusions_declared); a reviewer may
// reject naming one of them (fund_applications.rejected_exclusion).

export type FundExclusionKey = 'warranty' | 'utility' | 'personDamage' | 'companyUpkeep';

export interface FundExclusion { key: FundExclusionKey; label: string; source: string }

export const FUND_EXCLUSIONS: FundExclusion[] = [
  { key: 'warranty', label: '依法应当由建设单位或者施工单位承担的维修、更新和改造费用（保修期内）', source: '《住宅专项维修资金管理办法》第二十五条第（一）项' },
  { key: 'utility', label: '依法应当由相关单位承担的供水、供电、供气、供热、通信、有线电视等管线和设施设备的维修、养护费用', source: '《住宅专项维修资金管理办法》第二十五条第（二）项' },
  { key: 'personDamage', label: '应当由当事人承担的因人为损坏共用部位、共用设施设备所需的修复费用', source: '《住宅专项维修资金管理办法》第二十五条第（三）项' },
  { key: 'companyUpkeep', label: '根据物业服务合同约定，应当由物业服务企业承担的维修和养护费用', source: '《住宅专项维修资金管理办法》第二十五条第（四）项' },
];

export const FUND_EXCLUSION_KEYS: readonly FundExclusionKey[] = FUND_EXCLUSIONS.map((e) => e.key);

export function isFundExclusionKey(v: unknown): v is FundExclusionKey {
  return typeof v === 'string' && (FUND_EXCLUSION_KEYS as readonly string[]).includes(v);
}

/** The exclusion keys not declared absent (anything but `true` counts as not declared), in the
 *  order of 第二十五条. */
export function missingDeclarations(declared: Record<string, boolean> | null | undefined): FundExclusionKey[] {
  return FUND_EXCLUSION_KEYS.filter((k) => declared?.[k] !== true);
}
