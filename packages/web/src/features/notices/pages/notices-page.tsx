import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../../registry/index.ts';
import { NoticeKindTag, NoticeStateTags, ReadProgress } from '../components/notice-tags.tsx';
import { NOTICE_KIND_LABELS, NOTICE_STATE_LABELS, SOURCE_LABELS } from '../labels.ts';
import type { NoticeListItem } from '../types.ts';

const FILTERS = ['estateId', 'kind', 'state', 'q'] as const;

/** 公告通知: the notices of the caller's scope (pinned first, then newest) with read coverage. */
export function NoticesPage() {
  return (
    <RequirePermission permission="disclosure.read">
      <NoticesList />
    </RequirePermission>
  );
}

function NoticesList() {
  const navigate = useNavigate();
  const canPublish = useCan('notice.publish');
  const list = useListQuery<NoticeListItem>('/notices', FILTERS);
  return (
    <Page
      title="公告通知"
      extra={canPublish && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/notices/new')} data-testid="new-notice">发布公告</Button>
      )}
    >
      <FilterBar q={list.filters.q} onSearch={(q) => list.setFilters({ q })} placeholder="标题或正文" onReset={list.reset}>
        <EstateSelect
          value={list.filters.estateId ? Number(list.filters.estateId) : undefined}
          onChange={(estateId) => list.setFilters({ estateId })}
          placeholder="全部小区"
        />
        <Select
          allowClear
          placeholder="全部类型"
          style={{ width: 120 }}
          value={list.filters.kind}
          onChange={(kind) => list.setFilters({ kind })}
          options={Object.entries(NOTICE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="kind-filter"
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 120 }}
          value={list.filters.state}
          onChange={(state) => list.setFilters({ state })}
          options={Object.entries(NOTICE_STATE_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="state-filter"
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<NoticeListItem>
        {...list.tableProps}
        size="middle"
        data-testid="notices-table"
        locale={{ emptyText: '暂无公告通知' }}
        onRow={(r) => ({ 'data-testid': `notice-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 80, render: (k: NoticeListItem['kind']) => <NoticeKindTag kind={k} /> },
          {
            title: '标题', dataIndex: 'title',
            render: (title: string, r) => (
              <div style={{ minWidth: 0 }}>
                <Link to={`/notices/${r.id}`}>{title}</Link>
                {r.correctsId && <span style={{ color: '#667085', marginLeft: 6, fontSize: 12 }}>（更正）</span>}
                <div style={{ color: '#667085', fontSize: 12 }}>
                  {r.estateName} · {r.publisherName}
                  {r.sourceType ? ` · 来自${SOURCE_LABELS[r.sourceType] ?? r.sourceType}` : ''}
                  {r.kind === 'publicity' && r.publicityStart ? ` · 公示期 ${formatDate(r.publicityStart)} 至 ${formatDate(r.publicityEnd)}` : ''}
                </div>
              </div>
            ),
          },
          { title: '状态', dataIndex: 'state', width: 170, render: (_: unknown, r) => <NoticeStateTags n={r} /> },
          { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: '阅读覆盖', dataIndex: 'readPctBp', width: 170,
            render: (bp: number, r) => (r.state === 'draft' ? <span style={{ color: '#98a2b3' }}>未发布</span> : <ReadProgress read={r.readCount} recipients={r.recipientCount} bp={bp} />),
          },
        ]}
      />
    </Page>
  );
}
