import { MEETING_PROFILE_RULES, objectionPeriodEndsOn, type ConvenerKind } from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { localDate, SYSTEM_ACTOR, zhDateTime, type MeetingTransitionEvent } from '../meetings/index.ts';
import { publishSystemNotice, type SystemNoticeInput } from './notice-publish.ts';

// The owners' meeting publishes through the notices (issue 5: "the decisions module publishes
// through this module"): when its notice is published, an announcement 业主大会会议公告; when its
// result is published, a publicity of the decisions for the objection period (民法典 第280条: an
// owner may ask the court to set aside a decision; the period is the meeting's own profile's).
// Runs inside the meeting's transition (meetings/meeting-events.ts), so both commit together. No
// inbox: the meeting already messages the owners (meeting.notify_notice) and shows its result.

/** Who speaks for a convener: a preparatory or renewal group works under the street office's guidance. */
const PUBLISHER: Record<ConvenerKind, SystemNoticeInput['publisherKind']> = {
  committee: 'committee',
  acting_body: 'committee',
  street_office: 'street_office',
  preparatory_group: 'street_office',
  renewal_group: 'street_office',
};

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

async function itemLines(db: Db, meetingId: number, withResults: boolean): Promise<string[]> {
  const r = await db.query(
    `SELECT i.position, i.title, i.kind, res.result FROM meeting_items i
       LEFT JOIN meeting_item_results res ON res.item_id = i.id
      WHERE i.meeting_id = $1 ORDER BY i.position`,
    [meetingId],
  );
  return r.rows.map((x) => {
    const head = `${x.position}. ${x.title}`;
    if (!withResults) return head;
    const res = (x.result ?? {}) as Record<string, unknown>;
    if (x.kind === 'election') {
      const names = ((res.candidates ?? []) as { name?: string; candidate: string; elected?: boolean }[])
        .filter((c) => c.elected).map((c) => c.name ?? c.candidate);
      return `${head}：${names.length ? `当选 ${names.join('、')}` : '无人当选'}`;
    }
    if (res.passed === true) return `${head}：通过`;
    if (res.passed === false) return `${head}：${res.participationMet === false ? '参与表决未达法定比例，未通过' : '未通过'}`;
    return `${head}：见会议结果`;
  });
}

export async function onMeetingNoticeTransition(db: Db, e: MeetingTransitionEvent): Promise<void> {
  const m = e.meeting;
  const meetingId = Number(m.id);
  const base = {
    estateId: Number(m.estate_id), audience: 'owners' as const, publisherKind: PUBLISHER[m.convener_kind] ?? 'platform',
    publisherName: m.convener_name, sourceType: 'meeting' as const, sourceId: meetingId, actor: SYSTEM_ACTOR, now: e.now, inbox: false,
  };
  if (e.to === 'notice_published') {
    const items = await itemLines(db, meetingId, false);
    await publishSystemNotice(db, {
      ...base, kind: 'announcement', title: cut(`业主大会会议公告：${m.title}`, 200),
      body: cut([
        `${m.convener_name}召集业主大会会议“${m.title}”。`,
        `投票时间：${zhDateTime(m.voting_opens_at)} 至 ${zhDateTime(m.voting_closes_at)}。`,
        m.description ? `说明：${m.description}` : '',
        items.length ? `表决事项：\n${items.join('\n')}` : '',
        '请在“我的会议”中查看公告、表决事项和附件并投票。',
      ].filter(Boolean).join('\n'), 20000),
    });
    return;
  }
  if (e.to === 'result_published') {
    const publishedAt = m.result_published_at ?? e.now;
    const start = localDate(publishedAt);
    const end = objectionPeriodEndsOn(start, MEETING_PROFILE_RULES[m.rules]);
    const items = await itemLines(db, meetingId, true);
    await publishSystemNotice(db, {
      ...base, kind: 'publicity', title: cut(`业主大会会议决定公示：${m.title}`, 200), publicityStart: start, publicityEnd: end,
      body: cut([
        `业主大会会议“${m.title}”已计票，表决结果如下：`,
        ...items,
        `公示期 ${start} 至 ${end}。业主对决定有异议的，可在公示期内提出（民法典 第280条）。`,
        '完整结果（含参与面积与人数）请在“我的会议”中查看。',
      ].join('\n'), 20000),
    });
  }
}
