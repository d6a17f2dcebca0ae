import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, apiDownload } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { useApi } from '../../../app/use-api.ts';
import { MOVEMENT_KIND_LABELS } from '../labels.ts';
import { formatFen } from '../money.ts';
import type { EstateFund, FundMovementPage, FundMovementRow } from '../types.ts';

/** 资金流水: the estate's movements (one row per booking), filtered, paged, exported to Excel. */
export function MovementsTab({ fund }: { fund: EstateFund }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<string>();
  const [buildingId, setBuildingId] = useState<number>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const filters = {
    kind, buildingId,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const list = useApi<FundMovementPage>(`/estates/${fund.estateId}/fund/movements`, { ...filters, page, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await apiDownload(`/estates/${fund.estateId}/fund/movements.xlsx`, '维修资金流水.xlsx', filters);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <div data-testid="fund-movements">
      <FilterBar
        onReset={() => { setKind(undefined); setBuildingId(undefined); setRange(null); setPage(1); }}
        extra={<Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()} data-testid="export-movements">导出 Excel</Button>}
      >
        <Select allowClear placeholder="全部类型" style={{ width: 130 }} value={kind} onChange={(v) => { setKind(v); setPage(1); }} options={Object.entries(MOVEMENT_KIND_LABELS).map(([value, label]) => ({ value, label }))} data-testid="movement-kind" />
        <Select allowClear placeholder="全部楼栋" style={{ width: 130 }} value={buildingId} onChange={(v) => { setBuildingId(v); setPage(1); }} options={fund.buildings.map((b) => ({ value: b.buildingId, label: b.name }))} />
        <DatePicker.RangePicker value={range} onChange={(v) => { setRange(v); setPage(1); }} placeholder={['开始日期', '结束日期']} />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.data && <p style={{ marginTop: 0 }} data-testid="movements-sums">筛选范围内：收入 <strong>{formatFen(list.data.inFen)}</strong>，支出 <strong>{formatFen(list.data.outFen)}</strong></p>}
      <Table<FundMovementRow>
        rowKey="movementId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 笔` }}
        columns={[
          { title: '记账日期', dataIndex: 'bookedOn', width: 120 },
          { title: '类型', dataIndex: 'kind', width: 110, render: (k: string, r) => r.kindLabel || MOVEMENT_KIND_LABELS[k] || k },
          { title: '金额', dataIndex: 'amountFen', width: 150, align: 'right', render: (v: number) => <span style={{ color: v < 0 ? '#d92d20' : '#067647' }}>{formatFen(v, { sign: true })}</span> },
          { title: '涉及户数', dataIndex: 'unitCount', width: 100, align: 'right' },
          { title: '摘要', dataIndex: 'memo', render: (v: string, r) => [v, r.payee && `收款方：${r.payee}`].filter(Boolean).join('；') || '—' },
          { title: '使用申请', dataIndex: 'applicationId', width: 220, render: (v: number | null, r) => (v ? <Link to={`/funds/applications/${v}`}>{r.applicationTitle ?? '查看'}{r.stageNo ? `（第 ${r.stageNo} 期）` : ''}</Link> : '—') },
        ]}
      />
    </div>
  );
}
