import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../../registry/index.ts';
import { ApplicationsTable } from '../components/applications-table.tsx';
import { FUND_STATE_LABELS, FUND_STATES, PATH_LABELS } from '../labels.ts';
import type { FundApplicationSummary } from '../types.ts';

const FILTERS = ['estateId', 'state', 'path', 'q', 'overdue'] as const;

/** 使用申请: the caller's applications across its scope, filtered, paged, exported to Excel. */
export function FundApplicationsPage() {
  return (
    <RequirePermission permission="fund.read">
      <ApplicationsList />
    </RequirePermission>
  );
}

function ApplicationsList() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canApply = useCan('fund.apply');
  const list = useListQuery<FundApplicationSummary>('/fund/applications', FILTERS);
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...f } = list.filters as Record<string, string | undefined>;
      await apiDownload('/fund/applications.xlsx', '维修资金使用申请.xlsx', f);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Page
      title="维修资金使用申请"
      extra={canApply && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/funds/applications/new')} data-testid="new-application">新建申请</Button>
      )}
    >
      <FilterBar
        q={list.filters.q}
        onSearch={(q) => list.setFilters({ q })}
        placeholder="项目名称"
        onReset={list.reset}
        extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="export-applications">导出 Excel</Button>}
      >
        <EstateSelect
          value={list.filters.estateId ? Number(list.filters.estateId) : undefined}
          onChange={(estateId) => list.setFilters({ estateId })}
          placeholder="全部小区"
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 170 }}
          value={list.filters.state}
          onChange={(state) => list.setFilters({ state })}
          options={FUND_STATES.map((s) => ({ value: s, label: FUND_STATE_LABELS[s] }))}
          data-testid="state-filter"
        />
        <Select
          allowClear
          placeholder="全部程序"
          style={{ width: 130 }}
          value={list.filters.path}
          onChange={(path) => list.setFilters({ path })}
          options={Object.entries(PATH_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="path-filter"
        />
        <Select
          allowClear
          placeholder="审核期限"
          style={{ width: 130 }}
          value={list.filters.overdue}
          onChange={(overdue) => list.setFilters({ overdue })}
          options={[{ value: 'true', label: '审核已逾期' }]}
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <ApplicationsTable {...list.tableProps} locale={{ emptyText: '暂无使用申请' }} />
    </Page>
  );
}
