import { Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { CASE_LEVEL_LABELS, escalationHowLabel } from '../labels.ts';
import type { DepartmentCallView, EscalationView } from '../types.ts';

/** The hops up the ladder: automatic (deadline passed) or by the owner's hand, with the reason. */
export function EscalationsTable({ rows }: { rows: EscalationView[] }) {
  return (
    <Table<EscalationView>
      rowKey={(r) => r.fromLevel}
      size="small"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: '未升级' }}
      data-testid="case-escalations"
      columns={[
        { title: '时间', dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v) },
        { title: '升级', key: 'hop', width: 230, render: (_, r) => `${CASE_LEVEL_LABELS[r.fromLevel] ?? r.fromLevel} → ${CASE_LEVEL_LABELS[r.toLevel] ?? r.toLevel}` },
        {
          // by hand: the owner's request below the street; the street's own 吹哨 above it
          title: '方式', dataIndex: 'byKind', width: 90,
          render: (k: string, r) => <Tag color={k === 'auto' ? 'red' : r.fromLevel === 'street' ? 'gold' : 'orange'}>{escalationHowLabel(r)}</Tag>,
        },
        { title: '理由', dataIndex: 'reason' },
      ]}
    />
  );
}

/** 吹哨报到: the departments the street called in, their report deadlines and reports. */
export function DepartmentCallsTable({ rows }: { rows: DepartmentCallView[] }) {
  return (
    <Table<DepartmentCallView>
      rowKey="departmentId"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="case-department-calls"
      columns={[
        {
          title: '部门', dataIndex: 'departmentName', width: 200,
          render: (v: string, r) => <>{v}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{formatDateTime(r.calledAt)} 召集</Typography.Text></>,
        },
        { title: '处置要求', dataIndex: 'instruction', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
        {
          title: '报到期限', dataIndex: 'reportDueAt', width: 150,
          render: (v: string, r) => (
            <>
              {formatDateTime(v)}
              {r.overdue && !r.reportedAt && <Tag color="red" style={{ marginLeft: 4 }}>逾期未报到</Tag>}
            </>
          ),
        },
        {
          title: '报到情况', key: 'report', width: 340,
          render: (_, r) => (r.reportedAt ? (
            <div data-testid={`call-reported-${r.departmentId}`}>
              <Tag color="green">已报到</Tag>{formatDateTime(r.reportedAt)}
              <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>{r.reportText}</Typography.Paragraph>
            </div>
          ) : <Tag>待报到</Tag>),
        },
      ]}
    />
  );
}
