import { FileTextOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Skeleton, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { ApplicationCard } from '../components/application-card.tsx';
import { UnitBalanceCard } from '../components/unit-balance-card.tsx';
import { useFT } from '../messages.ts';
import type { MyFundApplication, MyFundResponse } from '../types.ts';

// 我的维修资金: each of my units' fund account, the uses that charge my units, and the estate's
// published statements — all on one phone page, the details one tap away.

function SectionTitle({ children }: { children: React.ReactNode }) {
  return (
    <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
      {children}
    </Typography.Title>
  );
}

export function MyFundPage() {
  const { ft } = useFT();
  const navigate = useNavigate();
  const canSee = useCan('my.units');
  const fund = useApi<MyFundResponse>(canSee ? '/my/fund' : null);
  const apps = useApi<{ items: MyFundApplication[] }>(canSee ? '/my/fund/applications' : null);
  const units = fund.data?.units ?? [];
  const items = apps.data?.items ?? [];

  return (
    <div>
      <PhoneHeader title={ft('home.title')} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {ft('home.hint')}
      </Typography.Paragraph>
      <ErrorAlert error={fund.error} onRetry={fund.reload} />
      {fund.loading ? (
        <Skeleton active />
      ) : units.length === 0 ? (
        <Card>
          <Empty description={ft('home.empty')}>
            <Button type="primary" onClick={() => navigate('/m/bind')}>
              {ft('home.goBind')}
            </Button>
          </Empty>
        </Card>
      ) : (
        units.map((u) => <UnitBalanceCard key={u.unitId} unit={u} />)
      )}

      <SectionTitle>{ft('home.apps')}</SectionTitle>
      <ErrorAlert error={apps.error} onRetry={apps.reload} />
      {apps.loading ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card size="small">
          <Typography.Text type="secondary" data-testid="fund-apps-empty">
            {ft('home.appsEmpty')}
          </Typography.Text>
        </Card>
      ) : (
        items.map((a) => <ApplicationCard key={a.id} app={a} />)
      )}

      <SectionTitle>{ft('home.statements')}</SectionTitle>
      <Link to="/m/fund/statements" style={{ display: 'block', color: 'inherit' }} data-testid="fund-statements-link">
        <Card size="small" hoverable>
          <div style={{ display: 'flex', gap: 10, alignItems: 'center' }}>
            <FileTextOutlined style={{ fontSize: 22, color: '#1f6feb' }} />
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ fontWeight: 600 }}>{ft('stmt.title')}</div>
              <div style={{ fontSize: 13, color: '#667085' }}>{ft('home.statementsHint')}</div>
            </div>
            <RightOutlined style={{ color: '#98a2b3' }} />
          </div>
        </Card>
      </Link>
    </div>
  );
}
