import { PlusOutlined } from '@ant-design/icons';
import { Button, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../../funds/money.ts';
import { periodLabel } from '../labels.ts';
import type { RevenueStatementSummary } from '../types.ts';

/** 收益公示: the estate's published statements, newest first, and the way to publish the next one. */
export function StatementsTab({ estateId }: { estateId: number }) {
  const navigate = useNavigate();
  const canPublish = useCan('revenue.ledger');
  const list = useApi<{ items: RevenueStatementSummary[] }>(`/estates/${estateId}/revenue/statements`);
  return (
    <div data-testid="revenue-statements">
      {canPublish && (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => navigate(`/revenue/statements/new?estateId=${estateId}`)} data-testid="new-statement">
          编制收益公示
        </Button>
      )}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<RevenueStatementSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '尚未发布公共收益公示' }}
        columns={[
          { title: '期间', dataIndex: 'periodKey', width: 150, render: (k: string, s) => <Link to={`/revenue/statements/${s.id}`}>{periodLabel(k)}</Link> },
          { title: '起止', width: 200, render: (_, s) => `${s.periodStart} ~ ${s.periodEnd}` },
          { title: '期初余额', dataIndex: 'openingFen', width: 130, align: 'right', render: (v: number) => formatFen(v) },
          { title: '收入', dataIndex: 'incomeFen', width: 130, align: 'right', render: (v: number) => formatFen(v) },
          { title: '支出', dataIndex: 'expenseFen', width: 130, align: 'right', render: (v: number) => formatFen(v) },
          { title: '期末余额', dataIndex: 'closingFen', width: 130, align: 'right', render: (v: number) => formatFen(v) },
          { title: '发布时间', dataIndex: 'publishedAt', width: 160, render: (v?: string) => formatDateTime(v) || '—' },
        ]}
      />
    </div>
  );
}
