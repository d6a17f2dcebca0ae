import { Tag } from 'antd';
import { STATE_COLORS, STATE_LABELS, type MeetingState } from '../labels.ts';

export function StateTag({ state }: { state: MeetingState }) {
  return <Tag color={STATE_COLORS[state] ?? 'default'} data-testid="meeting-state">{STATE_LABELS[state] ?? state}</Tag>;
}
