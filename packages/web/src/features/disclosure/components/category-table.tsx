import { Table } from 'antd';
import type { RevenueTotalsView } from '@gongzhi/contracts';
import { formatFen } from '../../funds/money.ts';
import { DIRECTION_LABELS } from '../labels.ts';

/** Income and expense by category, with the period's figures around them. */
export function CategoryTable(props: {
  /** the contracts' rows: every category in the domain's order, with its label */
  byCategory: RevenueTotalsView['byCategory'];
  openingFen: number; incomeFen: number; expenseFen: number; netFen: number; closingFen: number;
  testId?: string;
}) {
  const rows = props.byCategory.filter((r) => r.amountFen !== 0);
  const data = [
    { key: 'opening', label: '期初余额', dir: '', fen: props.openingFen, strong: true },
    ...rows.filter((r) => r.direction === 'income').map((r) => ({ key: r.category, label: r.label, dir: DIRECTION_LABELS.income, fen: r.amountFen, strong: false })),
    { key: 'income', label: '收入合计', dir: '', fen: props.incomeFen, strong: true },
    ...rows.filter((r) => r.direction === 'expense').map((r) => ({ key: r.category, label: r.label, dir: DIRECTION_LABELS.expense, fen: r.amountFen, strong: false })),
    { key: 'expense', label: '支出合计', dir: '', fen: props.expenseFen, strong: true },
    { key: 'net', label: '本期净收益', dir: '', fen: props.netFen, strong: true },
    { key: 'closing', label: '期末余额', dir: '', fen: props.closingFen, strong: true },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={data}
      data-testid={props.testId}
      columns={[
        { title: '项目', dataIndex: 'label', render: (v: string, r) => (r.strong ? <strong>{v}</strong> : <span style={{ paddingLeft: 16 }}>{v}</span>) },
        { title: '收支', dataIndex: 'dir', width: 80 },
        { title: '金额', dataIndex: 'fen', width: 160, align: 'right', render: (v: number, r) => (r.strong ? <strong>{formatFen(v)}</strong> : formatFen(v)) },
      ]}
    />
  );
}
