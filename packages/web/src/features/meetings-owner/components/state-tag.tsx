import { Tag } from 'antd';
import { stateColor, stateLabel } from '../labels.ts';
import { useMT } from '../messages.ts';
import type { MeetingState } from '../types.ts';

export function StateTag({ state }: { state: MeetingState }) {
  const { lang } = useMT();
  return (
    <Tag color={stateColor(state)} style={{ marginInlineEnd: 0 }} data-testid="meeting-state">
      {stateLabel(state, lang)}
    </Tag>
  );
}
