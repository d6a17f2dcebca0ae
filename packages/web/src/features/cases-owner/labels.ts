// The domain's own lists (the build tree-shakes the rest of the package, see vite.config.ts): the
// categories, priorities, states and rungs in their one order, with their Chinese labels.
import {
  CASE_CATEGORIES,
  CASE_CATEGORY_LABELS,
  CASE_LEVEL_LABELS,
  CASE_PRIORITIES,
  CASE_PRIORITY_LABELS,
  CASE_STATE_LABELS,
  type CaseCategory,
  type CaseLevel,
  type CasePriority,
  type CaseState,
} from '@gongzhi/domain';
import type { Lang } from '../../app/i18n.tsx';
import { CASE_STATE_COLORS } from '../cases/labels.ts';

export { CASE_CATEGORIES, CASE_PRIORITIES, type CaseCategory, type CasePriority };

// English words live here; Chinese ones are the domain's (the same the server writes).
const CATEGORY_EN: Record<CaseCategory, string> = {
  common_repair: 'Common-part repair', cleaning: 'Cleaning & environment', security: 'Security', parking: 'Parking',
  noise: 'Noise', fees: 'Fees', committee_conduct: 'Committee conduct', company_conduct: 'Property service',
  illegal_construction: 'Illegal construction', fire_safety: 'Fire safety', other: 'Other',
};
const PRIORITY_EN: Record<CasePriority, string> = { normal: 'Normal', urgent: 'Urgent' };
const STATE_EN: Record<CaseState, string> = {
  open: 'Awaiting response', in_progress: 'In progress', resolved: 'Awaiting confirmation', closed: 'Closed', merged: 'Merged',
};
const LEVEL_EN: Record<CaseLevel, string> = {
  company: 'Property company', committee: 'Owners\' committee', community: 'Community', street: 'Street office', department: 'Departments',
};
/** timeline entries in English (in Chinese the server's kindLabel is shown) */
const EVENT_EN: Record<string, string> = {
  filed: 'Reported', routed: 'Routed', assigned: 'Assigned', responded: 'Responded', note: 'Note', deadline: 'Deadline passed',
  escalated: 'Escalated', department_called: 'Departments called in', department_reported: 'Department reported',
  resolved: 'Resolved', confirmed: 'Confirmed', reopened: 'Reopened', auto_closed: 'Closed automatically',
  merged: 'Merged', merged_in: 'Case merged in', verified: 'Complaint verified',
};

export const categoryLabel = (c: string, lang: Lang): string =>
  (lang === 'en' ? CATEGORY_EN : CASE_CATEGORY_LABELS)[c as CaseCategory] ?? c;
export const priorityLabel = (p: string, lang: Lang): string =>
  (lang === 'en' ? PRIORITY_EN : CASE_PRIORITY_LABELS)[p as CasePriority] ?? p;
export const stateLabel = (s: string, lang: Lang): string =>
  (lang === 'en' ? STATE_EN : CASE_STATE_LABELS)[s as CaseState] ?? s;
/** the same colour an official sees for the state */
export const stateColor = (s: string): string => CASE_STATE_COLORS[s] ?? 'default';
export const levelLabel = (l: string, lang: Lang): string =>
  (lang === 'en' ? LEVEL_EN : CASE_LEVEL_LABELS)[l as CaseLevel] ?? l;
export const eventLabel = (kind: string, serverLabel: string, lang: Lang): string =>
  lang === 'en' ? EVENT_EN[kind] ?? serverLabel : serverLabel;
