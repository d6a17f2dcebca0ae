import { LeftOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMT } from '../messages.ts';

/** A page title for the phone layout with a back arrow to where the owner came from. */
export function PhoneHeader({ title, back, extra }: { title: ReactNode; back?: string; extra?: ReactNode }) {
  const navigate = useNavigate();
  const { mt } = useMT();
  return (
    <div style={{ display: 'flex', alignItems: 'flex-start', gap: 4, margin: '0 0 12px' }}>
      {back && (
        <Button type="text" size="small" icon={<LeftOutlined />} aria-label={mt('nav.back')} onClick={() => navigate(back)} style={{ marginTop: 2 }} />
      )}
      <Typography.Title level={4} style={{ margin: 0, flex: 1, minWidth: 0, wordBreak: 'break-word' }}>
        {title}
      </Typography.Title>
      {extra}
    </div>
  );
}
