import { Tag } from 'antd';
import { FILING_STATE_COLORS, type FilingState } from '../labels.ts';

/** A version's state as the server names it, and 逾期 in red when it came (or is) past due. */
export function FilingStateTag({ state, label, late }: { state: string; label: string; late?: boolean }) {
  return (
    <>
      <Tag color={FILING_STATE_COLORS[state as FilingState] ?? 'default'}>{label}</Tag>
      {late && <Tag color="red">逾期</Tag>}
    </>
  );
}
