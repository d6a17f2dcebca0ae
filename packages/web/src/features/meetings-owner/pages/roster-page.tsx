import { Alert, Card, List, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
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
  const [page, setPage] = useState(1);
  // the owner's route; the officials' route answers the same page where the caller may read it
  const [path, setPath] = useState(`/my/meetings/${id}/roster`);
  const { data, error, loading, reload } = useApi<RosterPage>(path, { page, pageSize: PAGE_SIZE });
  useEffect(() => {
    if (error?.status === 404 && path.startsWith('/my/')) setPath(`/meetings/${id}/roster`);
  }, [error, path, id]);

  return (
    <div>
      <PhoneHeader title={mt('roster.title')} back={`/m/meetings/${id}`} />
      <Typography.Paragraph type="secondary">{mt('roster.hint')}</Typography.Paragraph>
      {error?.status === 403 ? (
        <Alert type="info" showIcon title={mt('roster.unavailable')} style={{ marginBottom: 12 }} />
      ) : (
        <ErrorAlert error={path.startsWith('/my/') && error?.status === 404 ? undefined : error} onRetry={reload} />
      )}
      {(data || !error) && (
        <Card size="small" data-testid="roster">
          {data && (
            <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
              <span>{mt('roster.units', { n: data.unitCount })}</span>
              <span>
                {mt('roster.area')} {formatArea(data.totalAreaCenti)}
              </span>
            </div>
          )}
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
      )}
    </div>
  );
}
