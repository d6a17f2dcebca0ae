import { Alert, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../money.ts';
import type { FundApplicationDetail, FundShare } from '../types.ts';
import type { FundSharesView } from '@gongzhi/contracts';

/** Each unit's share: computed live for a draft, frozen at submission, actual after settlement. */
export function SharesTable({ app }: { app: FundApplicationDetail }) {
  const q = useApi<FundSharesView>(`/fund/applications/${app.id}/shares`);
  const shares = q.data?.shares ?? [];
  const settled = shares.some((s) => s.actualFen !== null && s.actualFen !== undefined);
  return (
    <div data-testid="fund-shares">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={!q.data?.frozen ? '草稿阶段按当前范围和预算实时计算；提交时冻结。' : `分摊已在提交时冻结，按建筑面积以最大余数法精确到分，合计等于预算${settled ? '；结算后按实际费用以同一方法重新分摊，合计等于实际费用。' : '。'}`}
      />
      <ErrorAlert error={q.error} onRetry={q.reload} />
      <Table<FundShare>
        rowKey="unitId"
        size="small"
        scroll={{ x: 700 }}
        loading={q.loading}
        dataSource={shares}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
        summary={() => shares.length > 0 && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计 {shares.length} 户</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{formatArea(shares.reduce((s, x) => s + x.areaCenti, 0))}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{formatFen(shares.reduce((s, x) => s + x.shareFen, 0))}</Table.Summary.Cell>
            {settled && <Table.Summary.Cell index={3} align="right">{formatFen(shares.reduce((s, x) => s + (x.actualFen ?? 0), 0))}</Table.Summary.Cell>}
            <Table.Summary.Cell index={4} />
            <Table.Summary.Cell index={5} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: '房屋', dataIndex: 'unit', width: 120 },
          { title: '建筑面积', dataIndex: 'areaCenti', width: 130, align: 'right', render: (v: number) => formatArea(v) },
          { title: '预算分摊', dataIndex: 'shareFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
          ...(settled ? [{ title: '实际分摊', dataIndex: 'actualFen', width: 140, align: 'right' as const, render: (v: number | null) => formatFen(v) }] : []),
          { title: '承担方', dataIndex: 'payer', width: 140, render: (p?: string) => (p === 'developer' ? <Tag color="orange">建设单位（未售）</Tag> : '业主') },
          { title: '该户余额', dataIndex: 'balanceFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
        ]}
      />
    </div>
  );
}
