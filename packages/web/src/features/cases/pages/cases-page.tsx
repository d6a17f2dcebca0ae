import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Select, Switch, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { useCan, useMe } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../../registry/index.ts';
import { CaseStateTag, DueCell, PriorityTag } from '../components/case-tags.tsx';
import { CASE_CATEGORIES, CASE_CATEGORY_LABELS, CASE_LEVEL_LABELS, CASE_LEVELS, CASE_PRIORITY_LABELS, CASE_STATE_LABELS } from '../labels.ts';
import type { CaseListItem, CaseListPage } from '../types.ts';

const FILTERS = ['state', 'estateId', 'category', 'level', 'priority', 'overdue', 'assignee', 'mine', 'called', 'q', 'sort'] as const;

// the running states and the closed ones by the domain's names (merged cases show under 全部)
const STATE_TABS = [
  ...(['open', 'in_progress', 'resolved', 'closed'] as const).map((key) => ({ key, label: CASE_STATE_LABELS[key] })),
  { key: 'all', label: '全部' },
];

/** 案件办理: the cases of the caller's scope by running deadline, overdue first. */
export function CasesPage() {
  return (
    <RequirePermission permission="case.read">
      <Queue />
    </RequirePermission>
  );
}

function Queue() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const role = me.grants.find((g) => g.id === me.activeGrantId)?.role;
  const canSeeEstates = useCan('registry.read');
  const isDepartment = role === 'department_officer';
  const isSecretary = role === 'committee_secretary';
  const list = useListQuery<CaseListItem>('/cases', FILTERS);
  const f = list.filters;
  const capped = (list.data as CaseListPage | undefined)?.totalCapped === true;
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await apiDownload('/cases.xlsx', '案件清单.xlsx', { ...f });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page
      title={isDepartment ? '召集案件（吹哨报到）' : '案件办理'}
      extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="cases-export">导出 Excel</Button>}
    >
      <Tabs
        activeKey={f.state ?? 'all'}
        onChange={(k) => list.setFilters({ state: k === 'all' ? undefined : k })}
        items={STATE_TABS}
        data-testid="cases-state-tabs"
      />
      <FilterBar q={f.q} onSearch={(q) => list.setFilters({ q })} placeholder="编号或标题" onReset={list.reset}>
        {canSeeEstates && f.mine !== 'secretary' && (
          <EstateSelect value={f.estateId ? Number(f.estateId) : undefined} onChange={(v) => list.setFilters({ estateId: v })} placeholder="全部小区" />
        )}
        <Select
          allowClear
          placeholder="全部类别"
          style={{ width: 150 }}
          value={f.category}
          onChange={(v) => list.setFilters({ category: v })}
          options={CASE_CATEGORIES.map((c) => ({ value: c, label: CASE_CATEGORY_LABELS[c] }))}
          data-testid="filter-category"
        />
        {!isDepartment && (
          <Select
            allowClear
            placeholder="全部层级"
            style={{ width: 150 }}
            value={f.level}
            onChange={(v) => list.setFilters({ level: v })}
            options={CASE_LEVELS.map((l) => ({ value: l, label: CASE_LEVEL_LABELS[l] }))}
            data-testid="filter-level"
          />
        )}
        <Select
          allowClear
          placeholder="全部优先级"
          style={{ width: 110 }}
          value={f.priority}
          onChange={(v) => list.setFilters({ priority: v })}
          options={Object.entries(CASE_PRIORITY_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="filter-priority"
        />
        {isDepartment && (
          <Select
            allowClear
            placeholder="报到情况"
            style={{ width: 120 }}
            value={f.called}
            onChange={(v) => list.setFilters({ called: v })}
            options={[{ value: 'pending', label: '待报到' }, { value: 'reported', label: '已报到' }]}
            data-testid="filter-called"
          />
        )}
        <Checkbox checked={f.overdue === '1'} onChange={(e) => list.setFilters({ overdue: e.target.checked ? '1' : undefined })} data-testid="filter-overdue">
          仅看超时
        </Checkbox>
        {!isDepartment && (
          <Checkbox checked={f.assignee === 'me'} onChange={(e) => list.setFilters({ assignee: e.target.checked ? 'me' : undefined })} data-testid="filter-mine">
            指派给我
          </Checkbox>
        )}
        {isSecretary && (
          <span>
            <Switch
              size="small"
              checked={f.mine === 'secretary'}
              onChange={(on) => list.setFilters({ mine: on ? 'secretary' : undefined, estateId: undefined })}
              data-testid="filter-secretary"
            />{' '}
            我服务的全部小区
          </span>
        )}
        <Select
          style={{ width: 130 }}
          value={f.sort ?? 'due'}
          onChange={(v) => list.setFilters({ sort: v === 'due' ? undefined : v })}
          options={[{ value: 'due', label: '按到期时间' }, { value: 'created', label: '按提交时间' }]}
          data-testid="filter-sort"
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<CaseListItem>
        {...list.tableProps}
        // the server counts a large queue no further than 1,000 (totalCapped): say "1000+"
        pagination={{ ...list.tableProps.pagination, showTotal: (n) => `共 ${n}${capped ? '+' : ''} 条` }}
        size="middle"
        scroll={{ x: 1100 }}
        locale={{ emptyText: '没有符合条件的案件' }}
        data-testid="cases-table"
        onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '案件', key: 'title', width: 290,
            render: (_, c) => (
              <div>
                <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid={`case-link-${c.id}`}>{c.title}</Link> <PriorityTag priority={c.priority} />
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.no} · {c.locationLabel}</Typography.Text>
              </div>
            ),
          },
          { title: '小区', dataIndex: 'estateName', width: 100 },
          { title: '类别', dataIndex: 'categoryLabel', width: 110, render: (v: string, c) => v || CASE_CATEGORY_LABELS[c.category] },
          { title: '状态', dataIndex: 'state', width: 100, render: (s: string, c) => <CaseStateTag state={s} label={c.stateLabel} /> },
          {
            title: '当前办理', key: 'level', width: 160,
            render: (_, c) => (
              <div>
                {c.levelLabel || CASE_LEVEL_LABELS[c.level]}
                {/* a department or the secretary by name; the party itself says no more than the rung */}
                {c.handlerName && c.handlerName !== c.levelLabel && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{c.handlerName}</Typography.Text>}
              </div>
            ),
          },
          { title: '经办人', dataIndex: 'assigneeName', width: 90, render: (v: string | null) => v || '—' },
          {
            title: '办理时限', key: 'due', width: 140,
            render: (_, c) => <DueCell dueAt={c.nextDueAt ?? c.resolveDueAt} overdue={c.overdue} state={c.state} testId={`case-due-${c.id}`} />,
          },
          { title: '重开', dataIndex: 'reopenCount', width: 50, align: 'right', render: (n: number) => (n ? n : '') },
          { title: '提交时间', dataIndex: 'createdAt', width: 130, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Page>
  );
}
