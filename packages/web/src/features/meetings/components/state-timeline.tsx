import { Alert, Steps, Timeline } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { STATE_LABELS, type MeetingState } from '../labels.ts';
import type { MeetingView } from '../types.ts';

const PATH: MeetingState[] = [
  'draft', 'submitted', 'approved', 'notice_published', 'voting_open', 'closed', 'tallied', 'result_published', 'objection_period', 'final',
];

/** Where the meeting is on its way (the domain's transition table), and when each step happened. */
export function StateTimeline({ meeting: m }: { meeting: MeetingView }) {
  const cancelled = m.state === 'cancelled';
  const current = cancelled ? lastReached(m) : PATH.indexOf(m.state);
  const events: { at?: string | null; label: string; color?: string }[] = [
    { at: m.createdAt, label: '创建草稿' },
    { at: m.noticePublishedAt, label: '发布会议公告，冻结投票名册' },
    { at: m.votingOpensAt, label: new Date(m.votingOpensAt) <= new Date() ? '投票开始' : '投票开始（计划）', color: 'gray' },
    { at: m.votingClosesAt, label: new Date(m.votingClosesAt) <= new Date() ? '投票截止' : '投票截止（计划）', color: 'gray' },
    { at: m.talliedAt, label: '计票完成' },
    { at: m.resultPublishedAt, label: '公布表决结果' },
    { at: m.objectionEndsAt, label: '异议期截止' },
    { at: m.finalisedAt, label: '结果生效' },
    { at: m.cancelledAt, label: `会议取消：${m.cancelReason ?? ''}`, color: 'red' },
  ];
  // in the order of the lifecycle (planned and actual moments side by side)
  const shown = events.filter((e) => e.at);
  return (
    <div data-testid="state-timeline">
      {m.state === 'draft' && m.lastRejectReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="街道退回修改" description={m.lastRejectReason} data-testid="reject-reason" />
      )}
      {cancelled && <Alert type="error" showIcon style={{ marginBottom: 16 }} title="会议已取消" description={m.cancelReason} />}
      <Steps
        size="small"
        current={current}
        status={cancelled ? 'error' : m.state === 'final' ? 'finish' : 'process'}
        style={{ marginBottom: 24, overflowX: 'auto', paddingBottom: 4 }}
        items={PATH.map((s) => ({ title: STATE_LABELS[s] }))}
      />
      <Timeline
        items={shown.map((e) => ({
          color: e.color ?? 'blue',
          content: (
            <span>
              <span style={{ color: '#667085', marginRight: 12 }}>{formatDateTime(e.at)}</span>
              {e.label}
            </span>
          ),
        }))}
      />
    </div>
  );
}

function lastReached(m: MeetingView): number {
  if (m.closedAt) return PATH.indexOf('closed');
  if (m.noticePublishedAt) return PATH.indexOf(new Date(m.votingOpensAt) <= new Date(m.cancelledAt ?? 0) ? 'voting_open' : 'notice_published');
  return 0;
}
