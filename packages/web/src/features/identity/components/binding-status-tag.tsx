import { Tag } from 'antd';
import { useT } from '../../../app/i18n.tsx';

const COLORS: Record<string, string> = { pending: 'orange', approved: 'green', rejected: 'red', revoked: 'default' };

export function BindingStatusTag({ status }: { status: string }) {
  const t = useT();
  const known = ['pending', 'approved', 'rejected'].includes(status);
  return <Tag color={COLORS[status] ?? 'default'}>{known ? t(`status.${status}` as 'status.pending') : status}</Tag>;
}
