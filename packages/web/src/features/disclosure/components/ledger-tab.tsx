import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../../funds/money.ts';
import { DIRECTION_LABELS, REVENUE_CATEGORIES, revenueCategoryLabel, type Direction } from '../labels.ts';
import type { RevenueEntry, RevenueEntryPage } from '../types.ts';
import { EntryEvidence } from './entry-evidence.tsx';
import { ReverseModal } from './reverse-modal.tsx';

/** 收支明细: the estate's common-revenue ledger, filtered, paged, with totals and an Excel export. */
export function LedgerTab({ estateId, onChanged }: { estateId: number; onChanged?: () => void }) {
  const { message } = App.useApp();
  const canBook = useCan('revenue.ledger');
  const [direction, setDirection] = useState<Direction>();
  const [category, setCategory] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [reversing, setReversing] = useState<RevenueEntry | null>(null);
  const filters = {
    direction, category, q: q || undefined,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const list = useApi<RevenueEntryPage>(`/estates/${estateId}/revenue/entries`, { ...filters, page, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await apiDownload(`/estates/${estateId}/revenue/entries.xlsx`, '公共收益收支明细.xlsx', filters);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const categories = direction ? REVENUE_CATEGORIES[direction] : [...REVENUE_CATEGORIES.income, ...REVENUE_CATEGORIES.expense];
  const totals = list.data?.totals;
  return (
    <div data-testid="revenue-ledger">
      <FilterBar
        q={q}
        onSearch={(v) => { setQ(v); setPage(1); }}
        placeholder="对方、摘要"
        onReset={() => { setDirection(undefined); setCategory(undefined); setRange(null); setQ(''); setPage(1); }}
        extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="export-entries">导出 Excel</Button>}
      >
        <Select allowClear placeholder="收入和支出" style={{ width: 130 }} value={direction} onChange={(v) => { setDirection(v); setCategory(undefined); setPage(1); }} options={Object.entries(DIRECTION_LABELS).map(([value, label]) => ({ value, label }))} data-testid="ledger-direction" />
        <Select allowClear placeholder="全部类别" style={{ width: 170 }} value={category} onChange={(v) => { setCategory(v); setPage(1); }} options={categories.map((c) => ({ value: c.code, label: c.label }))} data-testid="ledger-category" />
        <DatePicker.RangePicker value={range} onChange={(v) => { setRange(v); setPage(1); }} placeholder={['记账日期起', '记账日期止']} />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {totals && (
        <p style={{ marginTop: 0 }} data-testid="ledger-totals">
          筛选范围内：收入 <strong>{formatFen(totals.incomeFen)}</strong>，支出 <strong>{formatFen(totals.expenseFen)}</strong>，
          净收益 <strong style={{ color: totals.netFen < 0 ? '#d92d20' : undefined }}>{formatFen(totals.netFen)}</strong>
        </p>
      )}
      <Table<RevenueEntry>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '尚无收支记录' }}
        // the evidence is read when a row is opened, not for every row of the page
        expandable={{ expandedRowRender: (r) => <EntryEvidence entry={r} canUpload={canBook} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 笔` }}
        columns={[
          { title: '记账日期', dataIndex: 'bookedOn', width: 110 },
          { title: '收支', dataIndex: 'direction', width: 70, render: (d: Direction, r) => <Tag color={d === 'income' ? 'green' : 'volcano'}>{r.directionLabel || DIRECTION_LABELS[d]}</Tag> },
          { title: '类别', dataIndex: 'category', width: 150, render: (c: string, r) => r.categoryLabel ?? revenueCategoryLabel(c) },
          { title: '对方', dataIndex: 'counterparty', width: 180, ellipsis: true },
          { title: '所属期间', width: 200, render: (_, r) => `${r.periodStart} ~ ${r.periodEnd}` },
          {
            // as it counts in the net: income +, expense −, a reversal the opposite of what it reverses
            title: '金额', dataIndex: 'signedAmountFen', width: 140, align: 'right',
            render: (v: number) => <span style={{ color: v < 0 ? '#d92d20' : '#067647' }}>{formatFen(v, { sign: true })}</span>,
          },
          {
            title: '摘要', dataIndex: 'memo',
            render: (v: string, r) => (
              <>
                {v || '—'}
                {r.reversesId ? <Tag color="default" style={{ marginLeft: 6 }}>冲正第 {r.reversesId} 号</Tag> : null}
                {r.reversedById ? <Tag color="red" style={{ marginLeft: 6 }}>已冲正</Tag> : null}
                {r.statementId ? <Tag color="blue" style={{ marginLeft: 6 }}>已公示</Tag> : null}
              </>
            ),
          },
          ...(canBook ? [{
            title: '操作', width: 80, fixed: 'right' as const,
            render: (_: unknown, r: RevenueEntry) => (r.reversible
              ? <a onClick={() => setReversing(r)} data-testid={`reverse-${r.id}`}>冲正</a>
              : <Typography.Text type="secondary">—</Typography.Text>),
          }] : []),
        ]}
      />
      <ReverseModal
        entry={reversing}
        onClose={() => setReversing(null)}
        onDone={() => { setReversing(null); message.success('已冲正'); list.reload(); onChanged?.(); }}
      />
    </div>
  );
}
