import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A desktop page: a title, optional actions on the right, the content in a card. */
export function Page({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16, gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      <Card>{children}</Card>
    </div>
  );
}
