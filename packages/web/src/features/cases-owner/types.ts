// The owner's case API shapes (/my/cases), as cases-design.md fixes them. TODO-free: replaced by
// the contracts' types once packages/contracts/src/cases-*.ts carries them.

export interface CaseListItem {
  id: number;
  no: string;
  estateId: number;
  estateName: string;
  category: string;
  categoryLabel: string;
  priority: 'normal' | 'urgent';
  title: string;
  locationLabel: string;
  state: 'open' | 'in_progress' | 'resolved' | 'closed' | 'merged';
  stateLabel: string;
  level: 'company' | 'committee' | 'community' | 'street' | 'department';
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
  mine?: boolean;
}

export interface CaseEventView {
  id: number;
  at: string;
  kind: string;
  kindLabel: string;
  actorLabel: string;
  text: string | null;
  data: Record<string, unknown>;
}

export interface CaseAttachment {
  id: number;
  recordType: string;
  filename: string;
  mime: string;
  sizeBytes: number;
  url: string;
}

export interface CaseAction {
  allowed: boolean;
  reason?: string;
  toLevel?: string;
}

export interface CaseDetail extends CaseListItem {
  description: string;
  locationKind: 'estate' | 'building' | 'unit' | 'common_area';
  buildingId: number | null;
  unitId: number | null;
  locationText: string | null;
  filedByLabel: string;
  ownerIsMe?: boolean;
  followers?: number;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  autoCloseAt: string | null;
  closedAt: string | null;
  closeKind: 'confirmed' | 'auto' | null;
  ratingComment: string | null;
  mergedIntoId: number | null;
  mergedInto: { id: number; no: string } | null;
  timeline: CaseEventView[];
  attachments: CaseAttachment[];
  departmentCalls: {
    departmentId: number;
    departmentName: string;
    calledAt: string;
    instruction: string;
    reportDueAt: string;
    reportedAt: string | null;
    reportText: string | null;
    overdue: boolean;
  }[];
  escalations: { fromLevel: string; toLevel: string; byKind: string; reason: string; at: string }[];
  actions: Record<string, CaseAction>;
}

export interface CaseListResponse {
  items: CaseListItem[];
  total: number;
}
