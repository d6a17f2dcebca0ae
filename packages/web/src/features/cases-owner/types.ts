// The owner's case API shapes (/my/cases), from the contracts the server answers with.

export type { CaseDetail, CaseListItem, CaseListPage as CaseListResponse, CaseActionView as CaseAction } from '@gongzhi/contracts';
