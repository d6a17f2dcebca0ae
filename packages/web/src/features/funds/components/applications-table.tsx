import { Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../../app/format.ts';
import { APPLICANT_LABELS, categoryLabel } from '../labels.ts';
import { formatFen } from '../money.ts';
import type { FundApplicationSummary } from '../types.ts';
import { FundStateTag, PathTag } from './fund-state-tag.tsx';

/** Use applications: shared by the list, the review queue and the confirmation queue. */
export function ApplicationsTable(props: Omit<TableProps<FundApplicationSummary>, 'columns'>) {
  const rest = props;
  return (
    <Table<FundApplicationSummary>
      rowKey="id"
      size="middle"
      tableLayout="fixed"
      scroll={{ x: 1100 }}
      {...rest}
      columns={[
        {
          title: '项目', dataIndex: 'title',
          render: (v: string, a) => (
            <>
              <Link to={`/funds/applications/${a.id}`}>{v}</Link>
              {/* a whole-estate scope names every building: one line, the rest on hover */}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis={{ tooltip: a.scopeLabel }}>
                {a.categoryLabel || categoryLabel(a.category)} · {a.scopeLabel}
              </Typography.Text>
            </>
          ),
        },
        { title: '小区', dataIndex: 'estateName', width: 110, render: (v?: string) => v ?? '—' },
        { title: '申请人', dataIndex: 'applicantKind', width: 170, render: (k: string, a) => a.applicantName ?? APPLICANT_LABELS[k] ?? k },
        { title: '程序', dataIndex: 'path', width: 96, render: (p: FundApplicationSummary['path']) => <PathTag path={p} /> },
        { title: '预算', dataIndex: 'budgetFen', width: 130, align: 'right', render: (v: number) => formatFen(v) },
        { title: '提交日期', dataIndex: 'submittedAt', width: 110, render: (v: string | null) => formatDate(v) || '—' },
        { title: '审核期限', dataIndex: 'reviewDueOn', width: 110, render: (v: string | null) => formatDate(v) || '—' },
        {
          title: '状态', dataIndex: 'state', width: 140,
          render: (s: FundApplicationSummary['state'], a) => (
            <>
              <FundStateTag state={s} testId={`state-${a.id}`} />
              {a.reviewOverdue && <Tag color="red">审核逾期</Tag>}
            </>
          ),
        },
      ]}
    />
  );
}
