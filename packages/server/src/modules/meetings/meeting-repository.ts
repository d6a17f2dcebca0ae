import type { MeetingSummaryView, MeetingView } from '@gongzhi/contracts';
import { matterInfo, MEETING_STATE_LABELS, type ConvenerKind, type Matter, type MeetingState, type RuleProfileId } from '@gongzhi/domain';
import { rows, type Db } from '../../platform/db.ts';

// Meeting rows and their presentation. SQL only; the rules live in @gongzhi/domain and the use cases.

export interface MeetingRow {
  id: number;
  estate_id: number;
  estate_name?: string;
  title: string;
  description: string;
  convener_kind: ConvenerKind;
  convener_name: string;
  rules: RuleProfileId;
  options: Record<string, unknown>;
  extraordinary: boolean;
  first_meeting: boolean;
  household_count: number;
  state: MeetingState;
  voting_opens_at: Date;
  voting_closes_at: Date;
  allow_change: boolean;
  interim_visible: boolean;
  notice_published_at: Date | null;
  notice_published_on: string | null;
  developer_owner_id: number | null;
  pseudonym_salt: string | null;
  closed_at: Date | null;
  tallied_at: Date | null;
  result_published_at: Date | null;
  objection_ends_at: Date | null;
  finalised_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  last_reject_reason: string | null;
  created_by: number;
  created_at: Date;
}

/** The meeting row without any scope check (callers check `estate_id` against the caller's scope). */
export async function findMeetingUnsafe(db: Db, meetingId: number, opts: { forUpdate?: boolean } = {}): Promise<MeetingRow | undefined> {
  const r = await db.query(
    `SELECT m.*, e.name AS estate_name FROM meetings m JOIN estates e ON e.id = m.estate_id WHERE m.id = $1
     ${opts.forUpdate ? 'FOR UPDATE OF m' : ''}`,
    [meetingId],
  );
  return r.rows[0] as MeetingRow | undefined;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMeetingSummary(m: MeetingRow): MeetingSummaryView {
  return {
    id: Number(m.id), estateId: Number(m.estate_id), estateName: m.estate_name ?? '', title: m.title,
    convenerKind: m.convener_kind, convenerName: m.convener_name, rules: m.rules, state: m.state,
    stateLabel: MEETING_STATE_LABELS[m.state], votingOpensAt: m.voting_opens_at.toISOString(),
    votingClosesAt: m.voting_closes_at.toISOString(), noticePublishedAt: iso(m.notice_published_at),
    createdAt: m.created_at.toISOString(),
  };
}

export interface ItemWithCandidates {
  id: number;
  position: number;
  kind: 'matter' | 'election';
  matter: number;
  title: string;
  description: string;
  seats: number | null;
  matterName: string;
  thresholds: string;
  scope: { buildings?: string[]; units?: string[] } | null;
  candidates: { id: number; itemId: number; position: number; name: string; ownerId: number | null; statement: string }[];
}

/** The thresholds of a matter in the words of 民法典 第278条 第2款 (TALLY-SPEC §2). */
export function thresholdsText(matter: Matter, election: boolean): string {
  const participation = '由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决';
  const approval = matterInfo(matter).approval === 'three-quarters'
    ? '经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意'
    : '经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意';
  return election
    ? `${participation}；候选人${approval.replace('经', '获')}即当选，超过应选名额时按同意人数、再按面积排序`
    : `${participation}；${approval}`;
}

export async function loadItems(db: Db, meetingId: number): Promise<ItemWithCandidates[]> {
  const items = await rows<Record<string, unknown>>(
    db,
    `SELECT id, position, kind, matter, title, description, seats, scope FROM meeting_items WHERE meeting_id = $1 ORDER BY position`,
    [meetingId],
  );
  const cands = await rows<Record<string, unknown>>(
    db,
    `SELECT c.id, c.item_id, c.position, c.name, c.owner_id, c.statement FROM meeting_candidates c
       JOIN meeting_items i ON i.id = c.item_id WHERE i.meeting_id = $1 ORDER BY c.item_id, c.position`,
    [meetingId],
  );
  return items.map((i) => ({
    id: Number(i.id), position: Number(i.position), kind: i.kind as 'matter' | 'election', matter: Number(i.matter),
    title: String(i.title), description: String(i.description), seats: i.seats == null ? null : Number(i.seats),
    matterName: matterInfo(Number(i.matter) as Matter).name, thresholds: thresholdsText(Number(i.matter) as Matter, i.kind === 'election'),
    scope: (i.scope as ItemWithCandidates['scope']) ?? null,
    candidates: cands.filter((c) => Number(c.item_id) === Number(i.id)).map((c) => ({
      id: Number(c.id), itemId: Number(c.item_id), position: Number(c.position), name: String(c.name),
      ownerId: c.owner_id == null ? null : Number(c.owner_id), statement: String(c.statement),
    })),
  }));
}

/** Files attached to the meeting (record_type 'meeting') or to one of its items ('meeting_item'). */
async function loadAttachments(db: Db, m: MeetingRow, itemIds: number[]) {
  const r = await rows<Record<string, unknown>>(
    db,
    `SELECT id, record_type, record_id, filename, mime, size_bytes, created_at FROM attachments
      WHERE estate_id = $1 AND ((record_type = 'meeting' AND record_id = $2)
         OR (record_type = 'meeting_item' AND record_id = ANY($3::text[])))
      ORDER BY id`,
    [m.estate_id, String(m.id), itemIds.map(String)],
  );
  return r.map((a) => ({
    id: Number(a.id), recordType: String(a.record_type), recordId: String(a.record_id), filename: String(a.filename),
    mime: String(a.mime), sizeBytes: Number(a.size_bytes), createdAt: (a.created_at as Date).toISOString(),
  }));
}

/** The whole meeting: notice, items with their candidates, attachments. */
export async function presentMeeting(db: Db, m: MeetingRow): Promise<MeetingView> {
  const items = await loadItems(db, m.id);
  const attachments = await loadAttachments(db, m, items.map((i) => i.id));
  return {
    ...toMeetingSummary(m),
    description: m.description, options: m.options ?? {}, extraordinary: m.extraordinary, firstMeeting: m.first_meeting,
    householdCount: Number(m.household_count), allowChange: m.allow_change, interimVisible: m.interim_visible,
    noticePublishedOn: m.notice_published_on, closedAt: iso(m.closed_at), talliedAt: iso(m.tallied_at),
    resultPublishedAt: iso(m.result_published_at), objectionEndsAt: iso(m.objection_ends_at),
    finalisedAt: iso(m.finalised_at), cancelledAt: iso(m.cancelled_at), cancelReason: m.cancel_reason,
    lastRejectReason: m.last_reject_reason, rosterFrozen: m.notice_published_at !== null,
    items, attachments,
  };
}
