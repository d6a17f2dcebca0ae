import { Drawer, Select, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { MOVEMENT_KIND_LABELS } from '../labels.ts';
import { formatFen } from '../money.ts';
import type { EstateFund, FundUnitRow, UnitLedger as UnitLedgerView, UnitLedgerLine } from '../types.ts';

/** 分户账: every unit's balance; a unit opens onto its movements. */
export function UnitLedger({ fund, buildingId, onBuilding }: { fund: EstateFund; buildingId?: number; onBuilding: (id?: number) => void }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<FundUnitRow | null>(null);
  const list = useApi<{ items: FundUnitRow[]; total: number }>(`/estates/${fund.estateId}/fund/units`, { buildingId, q: q || undefined, page, pageSize: 20 });
  return (
    <div data-testid="fund-units">
      <FilterBar q={q} onSearch={(v) => { setQ(v); setPage(1); }} placeholder="房号，如 1-101">
        <Select
          allowClear
          placeholder="全部楼栋"
          style={{ width: 140 }}
          value={buildingId}
          onChange={(v) => { onBuilding(v ?? undefined); setPage(1); }}
          options={fund.buildings.map((b) => ({ value: b.buildingId, label: b.name }))}
        />
      </FilterBar>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<FundUnitRow>
        rowKey="unitId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 户` }}
        columns={[
          { title: '房屋', dataIndex: 'unit', width: 120, render: (v: string, u) => <a onClick={() => setOpen(u)}>{v}</a> },
          { title: '建筑面积', dataIndex: 'areaCenti', width: 130, align: 'right', render: (v: number) => formatArea(v) },
          { title: '首期交存', dataIndex: 'initialFen', width: 150, align: 'right', render: (v: number) => formatFen(v) },
          { title: '当前余额', dataIndex: 'balanceFen', width: 150, align: 'right', render: (v: number) => formatFen(v) },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} title={`分户账：${open?.unit ?? ''}`} size={920} destroyOnHidden>
        {open && <UnitMovements unitId={open.unitId} />}
      </Drawer>
    </div>
  );
}

function UnitMovements({ unitId }: { unitId: number }) {
  const q = useApi<UnitLedgerView>(`/fund/units/${unitId}/movements`);
  return (
    <>
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.data && <p>建筑面积 {formatArea(q.data.unit.areaCenti)}，首期交存 {formatFen(q.data.initialFen)}，当前余额 <strong>{formatFen(q.data.balanceFen)}</strong></p>}
      <Table<UnitLedgerLine>
        rowKey="movementId"
        size="small"
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '日期', dataIndex: 'bookedOn', width: 110 },
          { title: '类型', dataIndex: 'kind', width: 100, render: (k: string, r) => r.kindLabel || MOVEMENT_KIND_LABELS[k] || k },
          { title: '金额', dataIndex: 'amountFen', width: 120, align: 'right', render: (v: number) => <span style={{ color: v < 0 ? '#d92d20' : '#067647' }}>{formatFen(v, { sign: true })}</span> },
          { title: '余额', dataIndex: 'balanceAfterFen', width: 120, align: 'right', render: (v: number) => formatFen(v) },
          { title: '摘要', dataIndex: 'memo', render: (v: string, r) => v || r.payee || '—' },
        ]}
      />
    </>
  );
}
