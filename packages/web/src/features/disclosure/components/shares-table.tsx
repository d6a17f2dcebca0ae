import { Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../../funds/money.ts';
import type { RevenueSharePage } from '../types.ts';

type Row = RevenueSharePage['items'][number];

/** Each unit's share of the period's net revenue, by area (largest remainder, exact to the fen). */
export function SharesTable({ statementId }: { statementId: number }) {
  const [buildingId, setBuildingId] = useState<number>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useApi<RevenueSharePage>(`/revenue/statements/${statementId}/shares`, { buildingId, q: q || undefined, page, pageSize: 20 });
  const d = list.data;
  // the building list and the estate's sums come with every page, whatever the filter
  const buildings = d?.buildings ?? [];
  return (
    <div data-testid="statement-shares">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部楼栋"
          style={{ width: 150 }}
          value={buildingId}
          onChange={(v) => { setBuildingId(v); setPage(1); }}
          options={buildings.map((b) => ({ value: b.buildingId, label: b.name }))}
          data-testid="shares-building"
        />
        <Input.Search allowClear placeholder="房号" style={{ width: 200 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="shares-search" />
        {d && <Typography.Text type="secondary">全小区净收益 {formatFen(d.netFen)}，总面积 {formatArea(d.totalAreaCenti)}，各户份额合计等于净收益</Typography.Text>}
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<Row>
        rowKey="unitId"
        size="small"
        loading={list.loading}
        dataSource={d?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: d?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 户` }}
        columns={[
          { title: '楼栋', dataIndex: 'buildingName', width: 140 },
          { title: '房号', dataIndex: 'number', width: 180 },
          { title: '建筑面积', dataIndex: 'areaCenti', width: 140, align: 'right', render: (v: number) => formatArea(v) },
          { title: '应享净收益', dataIndex: 'shareFen', width: 160, align: 'right', render: (v: number) => <span style={{ color: v < 0 ? '#d92d20' : undefined }}>{formatFen(v)}</span> },
        ]}
      />
    </div>
  );
}
