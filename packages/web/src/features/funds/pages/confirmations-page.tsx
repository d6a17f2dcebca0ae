import { Alert, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { EMERGENCY_LISTS } from '../labels.ts';
import { formatFen } from '../money.ts';
import type { ConfirmationItem } from '../types.ts';
import type { FundConfirmationsView } from '@gongzhi/contracts';

/** 应急确认: emergency uses waiting for the caller's confirmation (committee, or street/community). */
export function FundConfirmationsPage() {
  return (
    <RequirePermission permission="fund.confirm">
      <ConfirmationQueue />
    </RequirePermission>
  );
}

function ConfirmationQueue() {
  const q = useApi<FundConfirmationsView>('/fund/confirmations');
  return (
    <Page title="应急使用确认">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="应急维修无需业主表决：业主委员会确认后，由街道办事处（社区）确认，再报区住建部门审核；完工后向业主公示。请核对现场照片、检测报告或整改通知，确认属于本市应急维修目录所列情形。"
      />
      <ErrorAlert error={q.error} onRetry={q.reload} />
      <Table<ConfirmationItem>
        rowKey="applicationId"
        size="middle"
        scroll={{ x: 1000 }}
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有待确认的应急申请' }}
        data-testid="confirmation-queue"
        columns={[
          {
            title: '项目', dataIndex: 'title',
            render: (v: string, r) => (
              <>
                <Link to={`/funds/applications/${r.applicationId}`}>{v}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.emergencyCategoryLabel ?? r.emergencyCategory ?? ''}{r.emergencyList ? `（${EMERGENCY_LISTS[r.emergencyList]?.label ?? r.emergencyList}目录）` : ''}
                </Typography.Text>
              </>
            ),
          },
          { title: '小区', dataIndex: 'estateName', width: 130 },
          { title: '预算', dataIndex: 'budgetFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
          { title: '提交时间', dataIndex: 'submittedAt', width: 160, render: (v: string | null) => formatDateTime(v) || '—' },
          {
            title: '待谁确认', dataIndex: 'awaiting', width: 220,
            render: (w: ConfirmationItem['awaiting'], r) => w === 'committee'
              ? <Tag color="orange">待业委会确认</Tag>
              : <><Tag color="cyan">待街道（社区）确认</Tag><Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>业委会已于 {formatDateTime(r.committeeConfirmedAt)} 确认</Typography.Text></>,
          },
        ]}
      />
    </Page>
  );
}
