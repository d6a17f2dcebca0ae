import { Card, Input, List, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../components/phone-header.tsx';
import { useMT } from '../messages.ts';
import type { RosterPage } from '../types.ts';

// The frozen voting roster as published: unit numbers and areas, never names. Paged by the
// server (an estate may have thousands of units).

const PAGE_SIZE = 50;

export function MeetingRosterPage() {
  const { mt } = useMT();
  const id = Number(useParams().id);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useApi<RosterPage>(`/meetings/${id}/roster`, { page, pageSize: PAGE_SIZE, q });

  return (
    <div>
      <PhoneHeader title={mt('roster.title')} back={`/m/meetings/${id}`} />
      <Typography.Paragraph type="secondary">{mt('roster.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Card size="small" data-testid="roster">
        {data && (
          <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
            <span>{mt('roster.units', { n: data.unitCount })}</span>
            <span>
              {mt('roster.area')} {formatArea(data.totalAreaCenti)}
            </span>
          </div>
        )}
        <Input.Search
          allowClear
          placeholder={mt('roster.unit')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ marginBottom: 8 }}
        />
        {loading && !data ? (
          <Skeleton active />
        ) : (
          <List
            size="small"
            loading={loading}
            dataSource={data?.items ?? []}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, size: 'small', showSizeChanger: false, onChange: setPage }}
            renderItem={(u) => (
              <List.Item extra={formatArea(u.areaCenti)} data-testid="roster-unit">
                {u.building} {u.number}
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
