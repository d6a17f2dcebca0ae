import type { MyNoticeItem } from '@gongzhi/contracts';
import { NOTICE_KIND_LABELS, noticeStateLabel, type NoticeKind, type NoticeState } from '@gongzhi/domain';

// One notice as an owner sees it in their list (the same fields on the notice page).

export const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/** Whether a notice row's expiry has passed at `now` (officials' and owners' views alike). */
export function isExpired(n: { expires_at?: unknown }, now: Date): boolean {
  return n.expires_at != null && new Date(n.expires_at as string).getTime() <= now.getTime();
}

export function toMyItem(n: Record<string, any>, now: Date): MyNoticeItem { // eslint-disable-line @typescript-eslint/no-explicit-any
  const correctedById = n.corrected_by_id == null ? null : Number(n.corrected_by_id);
  return {
    id: Number(n.id), estateName: String(n.estate_name), kind: n.kind, kindLabel: NOTICE_KIND_LABELS[n.kind as NoticeKind],
    title: n.title, publisherName: n.publisher_name, publishedAt: iso(n.published_at), pinned: Boolean(n.pinned),
    read: n.read_at != null, state: n.state, stateLabel: noticeStateLabel(n.state as NoticeState, correctedById),
    expired: isExpired(n, now),
    publicityStart: n.publicity_start ?? null, publicityEnd: n.publicity_end ?? null,
    correctsId: n.corrects_id == null ? null : Number(n.corrects_id), correctedById,
  };
}
