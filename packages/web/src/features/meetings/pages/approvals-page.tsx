import { Alert } from 'antd';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../../registry/index.ts';
import type { MeetingListItem } from '../types.ts';
import { MeetingsTable } from '../components/meetings-table.tsx';

const FILTERS = ['estateId'] as const;

/** 会议审核: the street office's queue — submitted meetings of its street. */
export function MeetingApprovalsPage() {
  return (
    <RequirePermission permission="meeting.approve">
      <ApprovalQueue />
    </RequirePermission>
  );
}

function ApprovalQueue() {
  const list = useListQuery<MeetingListItem>('/meetings', FILTERS, { fixed: { state: 'submitted' } });
  return (
    <Page title="会议审核">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="以下是本街道各小区提交审核的业主大会会议。请核对召集人资格、申报户数与表决事项后审核通过，或填写原因退回修改。"
      />
      <FilterBar onReset={list.reset}>
        <EstateSelect
          value={list.filters.estateId ? Number(list.filters.estateId) : undefined}
          onChange={(estateId) => list.setFilters({ estateId })}
          placeholder="全部小区"
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <MeetingsTable {...list.tableProps} locale={{ emptyText: '没有待审核的会议' }} />
    </Page>
  );
}
