// Shapes of the cases API (issue 6) as the official screens read them. They follow
// /tmp/cases-design.md; the contracts' types replace them as C2–C4 land them.

export interface CaseListItem {
  id: number;
  no: string;
  estateId: number;
  estateName: string;
  category: string;
  categoryLabel: string;
  priority: string;
  title: string;
  locationLabel: string;
  state: string;
  stateLabel: string;
  level: string;
  levelLabel: string;
  handlerParty: string;
  handlerName: string;
  assigneeName: string | null;
  respondDueAt: string | null;
  resolveDueAt: string | null;
  nextDueAt: string | null;
  overdue: boolean;
  reopenCount: number;
  rating: number | null;
  createdAt: string;
}

export interface CaseEventView { id: number; at: string; kind: string; kindLabel: string; actorLabel: string; text: string | null; data: unknown }
export interface CaseAttachmentView { id: number; recordType: string; filename: string; mime: string; sizeBytes: number; url: string }
export interface DepartmentCallView {
  departmentId: number; departmentName: string; calledAt: string; instruction: string; reportDueAt: string;
  reportedAt: string | null; reportText: string | null; overdue: boolean;
}
export interface EscalationView { fromLevel: string; toLevel: string; byKind: string; reason: string; at: string }
export interface ActionState { allowed: boolean; reason?: string }

export interface CaseDetail extends CaseListItem {
  description: string;
  locationKind: string;
  buildingId: number | null;
  unitId: number | null;
  locationText: string | null;
  filedByLabel: string;
  followers: number;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  autoCloseAt: string | null;
  closedAt: string | null;
  closeKind: string | null;
  ratingComment: string | null;
  mergedIntoId: number | null;
  mergedInto: { id: number; no: string } | null;
  companyId: number | null;
  verifiedAt: string | null;
  timeline: CaseEventView[];
  attachments: CaseAttachmentView[];
  departmentCalls: DepartmentCallView[];
  escalations: EscalationView[];
  actions: Record<string, ActionState>;
}

export interface CaseAssignee { accountId: number; name: string; role?: string; roleLabel?: string }
export interface DepartmentView { id: number; regionId: number; regionName?: string; kind: string; kindLabel?: string; name: string }

export interface RoutingRuleView { category: string; party: string; departmentId: number | null; departmentName: string | null; isDefault: boolean }
export interface DeadlineRuleView {
  category: string; priority: string; respondAmount: number; respondUnit: string; resolveAmount: number; resolveUnit: string; isDefault: boolean;
}
export interface CaseRulesView { routing: RoutingRuleView[]; deadlines: DeadlineRuleView[]; autoCloseDays: number }

export interface FiguresRow {
  key: string; name: string; total: number; byCategory: Record<string, number>; resolved: number; resolvedInTime: number;
  inTimePermille: number | null; reopened: number; reopenPermille: number | null; rated: number; avgRatingCenti: number | null;
}
export interface CaseFiguresView { rows: FiguresRow[]; totals: FiguresRow }
