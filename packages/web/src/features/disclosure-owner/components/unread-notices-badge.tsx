import { Badge } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useCan } from '../../../app/auth.tsx';
import { useApi } from '../../../app/use-api.ts';
import type { MyNoticesResponse } from '../types.ts';

// The owner's tab bar shows how many notices are unread. Opening a notice records the read on the
// server; the notice page then says so (NOTICES_READ_EVENT) and the badge asks again.

export const NOTICES_READ_EVENT = 'gongzhi:notices-read';

export function announceNoticeRead(): void {
  window.dispatchEvent(new Event(NOTICES_READ_EVENT));
}

export function UnreadNoticesBadge({ children }: { children: ReactNode }) {
  const canSee = useCan('my.units');
  const { data, reload } = useApi<MyNoticesResponse>(canSee ? '/my/notices' : null, { pageSize: 1 });
  useEffect(() => {
    window.addEventListener(NOTICES_READ_EVENT, reload);
    return () => window.removeEventListener(NOTICES_READ_EVENT, reload);
  }, [reload]);
  return (
    <Badge count={data?.unreadCount ?? 0} size="small" offset={[4, 0]} data-testid="unread-notices-badge">
      {children}
    </Badge>
  );
}
