// The shapes the meetings screens read: the contracts' zod types (type-only imports, so no
// runtime code from them lands in the bundle).
import type { MeetingDetailView, MeetingSummaryView, ProxyView, PaperSheetView } from '@gongzhi/contracts';

export type MeetingListItem = MeetingSummaryView;
export type MeetingView = MeetingDetailView;
export type MeetingItemView = MeetingDetailView['items'][number];
export type { ProxyView, PaperSheetView };

export interface RosterUnit { unitId: number; building: string; number: string; kind: string; status: string; areaCenti: number; areaSource: string }
export interface RosterPage { items: RosterUnit[]; total: number; page: number; pageSize: number; unitCount: number; totalAreaCenti: number; householdCount: number }
