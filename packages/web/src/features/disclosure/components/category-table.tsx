import { Table } from 'antd';
import { formatFen } from '../../funds/money.ts';
import { DIRECTION_LABELS, REVENUE_CATEGORIES, directionOfCategory, revenueCategoryLabel, type Direction } from '../labels.ts';
import type { ByCategory } from '../types.ts';

export interface CategoryRow { category: string; direction: Direction; label: string; amountFen: number }

/** The server's byCategory (a map code → fen, code → {amountFen}, or rows) as rows in the domain's order. */
export function categoryRows(by: ByCategory | undefined): CategoryRow[] {
  if (!by) return [];
  const found = new Map<string, CategoryRow>();
  const put = (category: string, v: unknown, extra: { direction?: Direction; label?: string } = {}) => {
    const fen = typeof v === 'number' ? v : Number((v as { amountFen?: number; fen?: number })?.amountFen ?? (v as { fen?: number })?.fen ?? 0);
    const direction = extra.direction ?? (v as { direction?: Direction })?.direction ?? directionOfCategory(category) ?? 'income';
    found.set(category, { category, direction, label: extra.label ?? (v as { label?: string })?.label ?? revenueCategoryLabel(category), amountFen: fen });
  };
  if (Array.isArray(by)) for (const r of by) put(r.category, r, { label: r.categoryLabel ?? r.label });
  else for (const [k, v] of Object.entries(by)) put(k, v);
  const order = [...REVENUE_CATEGORIES.income, ...REVENUE_CATEGORIES.expense].map((c) => c.code);
  return [...found.values()].sort((a, b) => (order.indexOf(a.category) + 1 || 99) - (order.indexOf(b.category) + 1 || 99));
}

/** Income and expense by category, with the period's figures around them. */
export function CategoryTable(props: {
  byCategory: ByCategory | undefined;
  openingFen: number; incomeFen: number; expenseFen: number; closingFen: number;
  testId?: string;
}) {
  const rows = categoryRows(props.byCategory).filter((r) => r.amountFen !== 0);
  const data = [
    { key: 'opening', label: '期初余额', dir: '', fen: props.openingFen, strong: true },
    ...rows.filter((r) => r.direction === 'income').map((r) => ({ key: r.category, label: r.label, dir: DIRECTION_LABELS.income, fen: r.amountFen, strong: false })),
    { key: 'income', label: '收入合计', dir: '', fen: props.incomeFen, strong: true },
    ...rows.filter((r) => r.direction === 'expense').map((r) => ({ key: r.category, label: r.label, dir: DIRECTION_LABELS.expense, fen: r.amountFen, strong: false })),
    { key: 'expense', label: '支出合计', dir: '', fen: props.expenseFen, strong: true },
    { key: 'net', label: '本期净收益', dir: '', fen: props.incomeFen - props.expenseFen, strong: true },
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
