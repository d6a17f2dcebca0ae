import { PlusOutlined } from '@ant-design/icons';
import { Button, Select } from 'antd';
import { useNavigate } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useListQuery } from '../../../app/use-list-query.ts';
import { EstateSelect } from '../../registry/index.ts';
import { MEETING_STATES, STATE_LABELS } from '../labels.ts';
import type { MeetingListItem } from '../types.ts';
import { MeetingsTable } from '../components/meetings-table.tsx';

const FILTERS = ['estateId', 'state'] as const;

/** 业主大会: the meetings of the caller's estates, filtered by estate and state, paged. */
export function MeetingsPage() {
  return (
    <RequirePermission permission="meeting.read">
      <MeetingsList />
    </RequirePermission>
  );
}

function MeetingsList() {
  const navigate = useNavigate();
  const canConvene = useCan('meeting.convene');
  const list = useListQuery<MeetingListItem>('/meetings', FILTERS);
  return (
    <Page
      title="业主大会"
      extra={canConvene && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/meetings/new')}>新建会议</Button>
      )}
    >
      <FilterBar onReset={list.reset}>
        <EstateSelect
          value={list.filters.estateId ? Number(list.filters.estateId) : undefined}
          onChange={(estateId) => list.setFilters({ estateId })}
          placeholder="全部小区"
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={list.filters.state}
          onChange={(state) => list.setFilters({ state })}
          options={MEETING_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }))}
          data-testid="state-filter"
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <MeetingsTable {...list.tableProps} />
    </Page>
  );
}
