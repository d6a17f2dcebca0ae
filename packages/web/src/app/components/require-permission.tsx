import type { Permission } from '@gongzhi/contracts';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useCan } from '../auth.tsx';
import { useT } from '../i18n.tsx';

/** Hides a page the active role may not use (the server refuses it anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const t = useT();
  const allowed = useCan(permission);
  if (!allowed) return <Result status="403" title="403" subTitle={t('noPermission')} />;
  return <>{children}</>;
}
