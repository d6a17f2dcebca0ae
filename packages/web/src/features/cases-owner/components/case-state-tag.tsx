import { Tag } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { stateColor, stateLabel } from '../labels.ts';
import { useCT } from '../messages.ts';

/** where the case stands, in the owner's words */
export function CaseStateTag({ state }: { state: string }) {
  const { lang } = useCT();
  return (
    <Tag color={stateColor(state)} style={{ marginInlineEnd: 0 }} data-testid="case-state">
      {stateLabel(state, lang)}
    </Tag>
  );
}

/** the running deadline: red once it has passed (the server's overdue flag decides) */
export function DueLine({ at, overdue, which }: { at: string | null; overdue: boolean; which?: 'respond' | 'resolve' }) {
  const { ct } = useCT();
  const label = which === 'respond' ? 'ev.respondDue' : which === 'resolve' ? 'ev.resolveDue' : 'due';
  if (!at && !overdue) return null;
  return (
    <span style={{ color: overdue ? '#d92d20' : '#667085', whiteSpace: 'nowrap' }} data-testid="case-due" data-overdue={overdue ? 'yes' : 'no'}>
      {overdue ? `${ct('overdue')}${at ? ' · ' : ''}` : ''}
      {at ? ct(label, { d: formatDateTime(at) }) : ''}
    </span>
  );
}
