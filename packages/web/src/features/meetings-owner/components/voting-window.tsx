import { formatDateTime } from '../../../app/format.ts';
import { useMT } from '../messages.ts';

/** "2026-12-01 08:00 至 2026-12-07 20:00", breaking between the two times on a narrow screen */
export function VotingWindow({ opensAt, closesAt }: { opensAt: string; closesAt: string }) {
  const { mt } = useMT();
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(opensAt)}</span> {mt('m.windowTo')}{' '}
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(closesAt)}</span>
    </span>
  );
}
