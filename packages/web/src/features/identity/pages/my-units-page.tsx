import type { MyUnitsResponse } from '@gongzhi/contracts';
import { Button, Card, Empty, List, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useT } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';
import { BindingStatusTag } from '../components/binding-status-tag.tsx';
import { MyUnitCard } from '../components/my-unit-card.tsx';

export function MyUnitsPage() {
  const t = useT();
  const navigate = useNavigate();
  // an account with no owner role yet has no units to ask for
  const canSee = useCan('my.units');
  const { data, error, loading, reload } = useApi<MyUnitsResponse>(canSee ? '/my/units' : null);
  const units = data?.units ?? [];
  const requests = (data?.requests ?? []).filter((r) => r.status !== 'approved');

  return (
    <div>
      <Typography.Title level={4} style={{ margin: '4px 0 12px' }}>
        {t('my.title')}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      {loading ? (
        <Skeleton active />
      ) : units.length === 0 ? (
        <Card>
          <Empty description={t('my.empty')}>
            <Button type="primary" onClick={() => navigate('/m/bind')}>
              {t('my.goBind')}
            </Button>
          </Empty>
        </Card>
      ) : (
        units.map((u) => <MyUnitCard key={u.bindingId} unit={u} />)
      )}
      {requests.length > 0 && (
        <Card size="small" title={t('my.pending')} style={{ marginTop: 12 }}>
          <List
            dataSource={requests}
            renderItem={(r) => (
              <List.Item extra={<BindingStatusTag status={r.status} />}>
                <List.Item.Meta
                  title={`${r.estateName} · ${r.unitLabel}`}
                  description={[formatDateTime(r.requestedAt), r.reviewNote].filter(Boolean).join(' · ')}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
