// Notice rules (issue 5): labels, the publicity period, read coverage in basis points and what a
// publisher may do to a notice in each state. Pure: no clock (the caller passes `now`), no database.

export const NOTICE_KINDS = ['notice', 'announcement', 'publicity'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = { notice: '通知', announcement: '公告', publicity: '公示' };

export const NOTICE_AUDIENCES = ['estate', 'owners', 'buildings', 'units', 'committee'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];
export const NOTICE_AUDIENCE_LABELS: Record<NoticeAudience, string> = {
  estate: '全小区（业主及业主委员会）',
  owners: '全体业主',
  buildings: '部分楼栋业主',
  units: '部分房屋业主',
  committee: '业主委员会',
};

export const NOTICE_STATES = ['draft', 'published', 'withdrawn'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];
export const NOTICE_STATE_LABELS: Record<NoticeState, string> = { draft: '草稿', published: '已发布', withdrawn: '已撤回' };
/** A published notice that a later one corrects is shown as 已更正 (it stays published). */
export const NOTICE_CORRECTED_LABEL = '已更正';

export function noticeStateLabel(state: NoticeState, correctedById: number | null): string {
  if (state === 'published' && correctedById != null) return NOTICE_CORRECTED_LABEL;
  return NOTICE_STATE_LABELS[state];
}

export const NOTICE_PUBLISHER_KINDS = ['company', 'committee', 'community', 'street_office', 'district', 'platform'] as const;
export type NoticePublisherKind = (typeof NOTICE_PUBLISHER_KINDS)[number];
export const NOTICE_PUBLISHER_KIND_LABELS: Record<NoticePublisherKind, string> = {
  company: '物业服务企业', committee: '业主委员会', community: '社区居委会', street_office: '街道办事处', district: '区住建部门', platform: '平台',
};

/** The longest publicity period accepted (a year): a typo in the year should not publish for a decade. */
export const MAX_PUBLICITY_DAYS = 366;

/**
 * A publicity (公示) needs both dates, the end not before the start, within MAX_PUBLICITY_DAYS.
 * Other kinds may not carry dates. Returns the first problem, naming the body field, or null.
 * `draft`: a draft may still lack a date (it is required when publishing), but what it has must fit.
 */
export function checkPublicityPeriod(n: { kind: NoticeKind; publicityStart?: string | null; publicityEnd?: string | null }, opts: { draft?: boolean } = {}):
  { field: 'publicityStart' | 'publicityEnd'; message: string } | null {
  const { kind } = n;
  const start = n.publicityStart ?? null;
  const end = n.publicityEnd ?? null;
  if (kind !== 'publicity') {
    if (start != null) return { field: 'publicityStart', message: '只有公示需要公示期' };
    if (end != null) return { field: 'publicityEnd', message: '只有公示需要公示期' };
    return null;
  }
  if (opts.draft && (start == null || end == null)) return null;
  if (start == null) return { field: 'publicityStart', message: '公示须填写公示开始日期' };
  if (end == null) return { field: 'publicityEnd', message: '公示须填写公示结束日期' };
  if (end < start) return { field: 'publicityEnd', message: '公示结束日期不能早于开始日期' };
  if (daysBetween(start, end) + 1 > MAX_PUBLICITY_DAYS) return { field: 'publicityEnd', message: `公示期不能超过 ${MAX_PUBLICITY_DAYS} 天` };
  return null;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Read share in basis points (1/100 of a percent), rounded down with integers: 1 of 3 → 3333. */
export function coverageBp(read: number, recipients: number): number {
  if (!Number.isInteger(read) || !Number.isInteger(recipients) || read < 0 || recipients < 0) throw new RangeError('coverageBp: non-negative integers');
  if (recipients === 0) return 0;
  return Math.floor((Math.min(read, recipients) * 10_000) / recipients);
}

/** "33.33%" from basis points, without floats. */
export function formatBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0');
  return `${whole}.${frac}%`;
}

/** A reminder to those who have not read may be sent once per this many milliseconds. */
export const REMIND_INTERVAL_MS = 24 * 60 * 60 * 1000;

export function remindAllowed(lastRemindedAt: Date | null, now: Date): boolean {
  return lastRemindedAt == null || now.getTime() - lastRemindedAt.getTime() >= REMIND_INTERVAL_MS;
}

export type NoticeAction = 'edit' | 'delete' | 'publish' | 'withdraw' | 'correct' | 'pin' | 'unpin' | 'remind';

/**
 * What the caller may do to a notice. Only the publisher kind that wrote it acts on it (the company
 * does not withdraw the committee's notice). A notice another module published for its record
 * (sourced: a statement, a filing, a meeting) is withdrawn or corrected by no one here — the record
 * it announces stays what it is — but may be pinned and reminded. A correction is made once.
 */
export function noticeActions(n: {
  state: NoticeState; publisherKind: NoticePublisherKind; callerKind: NoticePublisherKind | null;
  pinned: boolean; correctedById: number | null; sourced: boolean; lastRemindedAt: Date | null; now: Date;
}): NoticeAction[] {
  if (n.callerKind == null || n.callerKind !== n.publisherKind) return [];
  if (n.state === 'draft') return ['edit', 'delete', 'publish'];
  if (n.state === 'withdrawn') return [];
  const out: NoticeAction[] = [];
  if (!n.sourced) out.push('withdraw');
  if (!n.sourced && n.correctedById == null) out.push('correct');
  out.push(n.pinned ? 'unpin' : 'pin');
  if (remindAllowed(n.lastRemindedAt, n.now)) out.push('remind');
  return out;
}
