import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError, apiPost } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { CaseStateTag } from './case-tags.tsx';
import type { CaseDetail, CaseListItem } from '../types.ts';

/**
 * Likely duplicates (same estate, category and place within a day, both still open), as the
 * server finds them. Merging sends one case's owner and followers to the other, which goes on.
 */
export function DuplicatesPanel({ detail, onMerged }: { detail: CaseDetail; onMerged: (survivorId: number) => void }) {
  const { message } = App.useApp();
  const q = useApi<CaseListItem[]>(`/cases/${detail.id}/duplicates`);
  const rows = q.data ?? [];
  // a failed look-up says so (and offers a retry) rather than passing for "no duplicates"
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  if (!rows.length) return null;

  const merge = async (mergedId: number, intoCaseId: number) => {
    try {
      await apiPost(`/cases/${mergedId}/merge`, { intoCaseId });
      message.success('已合并，反映人已转为关注保留的案件');
      q.reload();
      onMerged(intoCaseId);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <Card size="small" title={`疑似重复案件（${rows.length}）`} style={{ marginBottom: 16 }} data-testid="case-duplicates">
      <Alert type="warning" showIcon style={{ marginBottom: 8 }} title="同一小区、同一类别、同一位置 24 小时内提交的案件。合并后被合并案件的反映人将关注保留的案件并收到其进展。" />
      <Table<CaseListItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '案件', key: 'title', render: (_, c) => <><Link to={`/cases/${c.id}`}>{c.title}</Link><Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.no} · {c.locationLabel}</Typography.Text></> },
          { title: '状态', dataIndex: 'state', width: 100, render: (s: string, c) => <CaseStateTag state={s} label={c.stateLabel} /> },
          { title: '提交时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
          {
            title: '合并', key: 'merge', width: 220,
            render: (_, c) => (
              <Space>
                <Popconfirm title={`将 ${c.no} 并入本案？`} okText="合并" cancelText="取消" onConfirm={() => merge(c.id, detail.id)}>
                  <Button size="small" data-testid={`merge-into-this-${c.id}`}>并入本案</Button>
                </Popconfirm>
                <Popconfirm title={`将本案并入 ${c.no}？`} okText="合并" cancelText="取消" onConfirm={() => merge(detail.id, c.id)}>
                  <Button size="small" data-testid={`merge-this-into-${c.id}`}>本案并入此案</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
