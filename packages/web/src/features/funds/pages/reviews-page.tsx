import { Alert, Select, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { EstateSelect } from '../../registry/index.ts';
import { PathTag } from '../components/fund-state-tag.tsx';
import { categoryLabel } from '../labels.ts';
import { formatFen } from '../money.ts';
import type { ReviewItem } from '../types.ts';
import type { FundReviewsView } from '@gongzhi/contracts';

/** 使用审核: the district's queue, earliest deadline first (the server orders it). */
export function FundReviewsPage() {
  return (
    <RequirePermission permission="fund.review">
      <ReviewQueue />
    </RequirePermission>
  );
}

function ReviewQueue() {
  const [params, setParams] = useSearchParams();
  const estateId = params.get('estateId') ?? undefined;
  const overdue = params.get('overdue') ?? undefined;
  const q = useApi<FundReviewsView>('/fund/reviews', { estateId, overdue, pageSize: 200 });
  const set = (k: string, v?: string | number) => setParams((p) => { const n = new URLSearchParams(p); if (v === undefined || v === '') n.delete(k); else n.set(k, String(v)); return n; }, { replace: true });
  return (
    <Page title="维修资金使用审核">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="按审核期限排列，最早到期的在前。期限按工作日计算（法定节假日不计，调休上班日计入）；逾期未办结的申请标红，并已提醒市住建部门。"
      />
      <FilterBar onReset={() => setParams(new URLSearchParams(), { replace: true })}>
        <EstateSelect value={estateId ? Number(estateId) : undefined} onChange={(v) => set('estateId', v)} placeholder="全部小区" />
        <Select allowClear placeholder="全部期限" style={{ width: 140 }} value={overdue} onChange={(v) => set('overdue', v)} options={[{ value: 'true', label: '只看已逾期' }, { value: 'false', label: '只看未逾期' }]} />
        {q.data && <Typography.Text type="secondary">今天 {q.data.today}，共 {q.data.total} 件，逾期 {q.data.overdueCount} 件</Typography.Text>}
      </FilterBar>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      <Table<ReviewItem>
        rowKey="applicationId"
        size="middle"
        scroll={{ x: 1000 }}
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有待审核的申请' }}
        data-testid="review-queue"
        columns={[
          {
            title: '审核期限', dataIndex: 'reviewDueOn', width: 200,
            render: (v: string, r) => (
              <span data-testid={`due-${r.applicationId}`}>
                {v}
                {r.overdue ? <Tag color="red" style={{ marginLeft: 6 }}>逾期 {Math.abs(r.daysLeft)} 个工作日</Tag>
                  : r.daysLeft === 0 ? <Tag color="orange" style={{ marginLeft: 6 }}>今天到期</Tag>
                    : <Tag color={r.daysLeft <= 1 ? 'orange' : 'default'} style={{ marginLeft: 6 }}>剩 {r.daysLeft} 个工作日</Tag>}
                {!r.calendarKnown && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>跨年节假日未公布，按周一至周五计</Typography.Text>}
              </span>
            ),
          },
          {
            title: '项目', dataIndex: 'title',
            render: (v: string, r) => (
              <>
                <Link to={`/funds/applications/${r.applicationId}`}>{v}</Link>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{categoryLabel(r.category)}</Typography.Text>
              </>
            ),
          },
          { title: '小区', dataIndex: 'estateName', width: 130 },
          { title: '程序', dataIndex: 'path', width: 100, render: (p: ReviewItem['path']) => <PathTag path={p} /> },
          { title: '预算', dataIndex: 'budgetFen', width: 140, align: 'right', render: (v: number) => formatFen(v) },
          { title: '受理日期', dataIndex: 'reviewStartedOn', width: 120 },
        ]}
      />
    </Page>
  );
}
