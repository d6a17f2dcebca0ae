// Shapes of the cases API (issue 6): the contracts' types under the names the screens use.
import type { CaseDetail, CaseFigureRow } from '@gongzhi/contracts';

export type {
  CaseAssignee, CaseDetail, CaseEventView, CaseFigures, CaseFigureRow as FiguresRow, CaseListItem, CaseListPage, CaseRulesView, DepartmentView,
} from '@gongzhi/contracts';

export type CaseAttachmentView = CaseDetail['attachments'][number];
export type DepartmentCallView = CaseDetail['departmentCalls'][number];
export type EscalationView = CaseDetail['escalations'][number];
export type RoutingRuleView = import('@gongzhi/contracts').CaseRulesView['routing'][number];
export type DeadlineRuleView = import('@gongzhi/contracts').CaseRulesView['deadlines'][number];
/** a figures row's key for a table (key is null for cases of no company) */
export const figuresRowKey = (r: CaseFigureRow): string => `${r.key ?? 'none'}:${r.name}`;
