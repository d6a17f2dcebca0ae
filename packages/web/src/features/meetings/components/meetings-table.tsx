import { Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../../app/format.ts';
import { CONVENER_LABELS } from '../labels.ts';
import type { MeetingListItem } from '../types.ts';
import { StateTag } from './state-tag.tsx';

/** The meetings list, shared by 业主大会 and the street office's approval queue. */
export function MeetingsTable(props: Omit<TableProps<MeetingListItem>, 'columns'>) {
  return (
    <Table<MeetingListItem>
      rowKey="id"
      size="middle"
      scroll={{ x: 1000 }}
      {...props}
      columns={[
        {
          title: '会议名称', dataIndex: 'title',
          render: (v: string, m) => (
            <Link to={`/meetings/${m.id}`}>
              {v}
            </Link>
          ),
        },
        { title: '小区', dataIndex: 'estateName', width: 140, render: (v?: string) => v ?? '—' },
        {
          title: '召集人', width: 200,
          render: (_, m) => (
            <>
              {m.convenerName}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{CONVENER_LABELS[m.convenerKind] ?? m.convenerKind}</Typography.Text>
            </>
          ),
        },
        { title: '投票时间', width: 280, render: (_, m) => `${formatDateTime(m.votingOpensAt)} ~ ${formatDateTime(m.votingClosesAt)}` },
        { title: '公告时间', dataIndex: 'noticePublishedAt', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
        { title: '状态', dataIndex: 'state', width: 110, render: (s: MeetingListItem['state']) => <StateTag state={s} /> },
      ]}
    />
  );
}
