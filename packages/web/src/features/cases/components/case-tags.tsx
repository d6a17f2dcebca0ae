import { Tag, Typography } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { CASE_PRIORITY_LABELS, CASE_STATE_COLORS, CASE_STATE_LABELS, dueText, labelOf } from '../labels.ts';

/** A case's state, coloured by how much it asks of its handler. */
export function CaseStateTag({ state, label }: { state: string; label?: string }) {
  return <Tag color={CASE_STATE_COLORS[state] ?? 'default'}>{label || labelOf(CASE_STATE_LABELS, state)}</Tag>;
}

export function PriorityTag({ priority }: { priority: string }) {
  return priority === 'urgent' ? <Tag color="red">{CASE_PRIORITY_LABELS.urgent}</Tag> : null;
}

/**
 * The running deadline of an open or in-progress case: 'x 小时后到期' or '已超时' in red, with the
 * due time itself below. Resolved, closed and merged cases have none running.
 */
export function DueCell({ dueAt, overdue, state, testId }: { dueAt: string | null; overdue: boolean; state: string; testId?: string }) {
  if (state !== 'open' && state !== 'in_progress') return <Typography.Text type="secondary">—</Typography.Text>;
  const d = dueText(dueAt, overdue);
  if (!d) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span data-testid={testId}>
      <Typography.Text type={d.late ? 'danger' : undefined} strong={d.late}>{d.text}</Typography.Text>
      {dueAt && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{formatDateTime(dueAt)}</Typography.Text>}
    </span>
  );
}
