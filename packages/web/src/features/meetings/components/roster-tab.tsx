import { Alert, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatArea } from '../../../app/format.ts';
import { useLang } from '../../../app/i18n.tsx';
import { label } from '../../../app/labels.ts';
import { useApi } from '../../../app/use-api.ts';
import type { MeetingView, RosterPage, RosterUnit } from '../types.ts';

/** 投票名册: the roster frozen at notice — unit numbers and areas only, never a name. */
export function RosterTab({ meeting }: { meeting: MeetingView }) {
  const { lang } = useLang();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const roster = useApi<RosterPage>(`/meetings/${meeting.id}/roster`, { page, pageSize });
  const d = roster.data;
  return (
    <div data-testid="roster-tab">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="投票名册于会议公告发布时冻结，之后的产权变更不影响本次表决。公开的名册只列房号和面积，不显示业主姓名。"
      />
      {d && (
        <Space size={48} style={{ marginBottom: 16 }} wrap>
          <Statistic title="房屋（专有部分）" value={d.unitCount} suffix="套" />
          <Statistic title="户数（投票人数）" value={d.householdCount} suffix="户" />
          <Statistic title="专有部分总面积" value={formatArea(d.totalAreaCenti)} />
        </Space>
      )}
      <ErrorAlert error={roster.error} onRetry={roster.reload} />
      <Table<RosterUnit>
        rowKey="unitId"
        size="small"
        loading={roster.loading}
        dataSource={d?.items ?? []}
        pagination={{
          current: page, pageSize, total: d?.total ?? 0, showSizeChanger: true, pageSizeOptions: [50, 100, 200],
          showTotal: (n) => `共 ${n} 套`, onChange: (p, s) => { setPage(s !== pageSize ? 1 : p); setPageSize(s); },
        }}
        columns={[
          { title: '楼栋', dataIndex: 'building', width: 120 },
          { title: '房号', dataIndex: 'number', width: 120 },
          { title: '类型', dataIndex: 'kind', width: 100, render: (v: string) => label('kind', v, lang) },
          { title: '状态', dataIndex: 'status', width: 100, render: (v: string) => label('status', v, lang) },
          { title: '专有部分面积', dataIndex: 'areaCenti', align: 'right', width: 140, render: (v: number) => formatArea(v) },
          { title: '面积来源', dataIndex: 'areaSource', width: 120, render: (v: string) => label('areaSource', v, lang) },
        ]}
      />
    </div>
  );
}
