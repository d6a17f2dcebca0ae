import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Statistic, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { EstateView } from '@gongzhi/contracts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { EstateSelect } from '../../registry/index.ts';
import { BookingDrawer } from '../components/booking-drawer.tsx';
import { BuildingsTable } from '../components/buildings-table.tsx';
import { MovementsTab } from '../components/movements-tab.tsx';
import { StatementsTab } from '../components/statements-tab.tsx';
import { UnitLedger } from '../components/unit-ledger.tsx';
import { EMERGENCY_LISTS } from '../labels.ts';
import { formatFen } from '../money.ts';
import type { EstateFund } from '../types.ts';

/** 维修资金总览: one estate's fund — totals, buildings (30% line), unit ledger, movements, statements. */
export function FundOverviewPage() {
  return (
    <RequirePermission permission="fund.read">
      <Overview />
    </RequirePermission>
  );
}

function Overview() {
  const [params, setParams] = useSearchParams();
  const estateId = params.get('estateId') ? Number(params.get('estateId')) : undefined;
  const buildingId = params.get('buildingId') ? Number(params.get('buildingId')) : undefined;
  const tab = params.get('tab') ?? 'buildings';
  const set = (patch: Record<string, string | number | undefined>) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) (v === undefined || v === '' ? n.delete(k) : n.set(k, String(v)));
      return n;
    }, { replace: true });
  // a committee or a company sees one estate: open it without asking
  const first = useApi<{ items: EstateView[]; total: number }>(estateId ? null : '/estates', { page: 1, pageSize: 2 });
  useEffect(() => {
    if (!estateId && first.data?.total === 1) set({ estateId: first.data.items[0].id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first.data, estateId]);
  const fund = useApi<EstateFund>(estateId ? `/estates/${estateId}/fund` : null);
  const f = fund.data;
  const canBook = useCan('fund.ledger');
  const [booking, setBooking] = useState(false);
  // a booking changes every tab's figures: reload the totals and remount the open tab's list
  const [version, setVersion] = useState(0);
  const booked = () => { fund.reload(); setVersion((n) => n + 1); };
  const below = f?.buildings.filter((b) => b.belowLine) ?? [];

  return (
    <Page title="专项维修资金">
      <FilterBar>
        <EstateSelect value={estateId} onChange={(v) => set({ estateId: v, buildingId: undefined })} allowClear={false} placeholder="选择小区" />
        {canBook && f && <Button icon={<EditOutlined />} onClick={() => setBooking(true)} data-testid="fund-booking">记账</Button>}
      </FilterBar>
      {canBook && f && (
        <BookingDrawer key={f.estateId} estateId={f.estateId} estateName={f.estateName} open={booking} onClose={() => setBooking(false)} onBooked={booked} />
      )}
      {!estateId && <Empty description="请选择小区" />}
      <ErrorAlert error={fund.error} onRetry={fund.reload} />
      {estateId && !f && !fund.error && <Skeleton active />}
      {f && (
        <>
          <Row gutter={[16, 16]} align="stretch" style={{ marginBottom: 16 }}>
            <Col xs={12} lg={6}><Card size="small" style={{ height: '100%' }}><Statistic title="当前余额" value={formatFen(f.totals.balanceFen)} /></Card></Col>
            <Col xs={12} lg={6}><Card size="small" style={{ height: '100%' }}><Statistic title="首期交存合计" value={formatFen(f.totals.initialFen)} /></Card></Col>
            <Col xs={12} lg={6}><Card size="small" style={{ height: '100%' }}><Statistic title="分户账户" value={f.totals.unitCount} suffix="户" /></Card></Col>
            <Col xs={12} lg={6}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic title="应急清单 / 审核时限" value={`${EMERGENCY_LISTS[f.cityRules.emergencyList]?.label.replace(/（.*/, '') ?? f.cityRules.emergencyList} · ${f.cityRules.reviewWorkingDays} 个工作日`} styles={{ content: { fontSize: 16 } }} />
              </Card>
            </Col>
          </Row>
          {below.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${below.map((b) => b.name).join('、')} 维修资金余额已不足首期交存额的30%，应当及时续筹`}
              description="业委会可在楼栋列表中“提请续筹”，把续筹议题（第6项事项）加入业主大会会议。"
              data-testid="below-line-alert"
            />
          )}
          <Tabs
            activeKey={tab}
            onChange={(t) => set({ tab: t })}
            destroyOnHidden
            items={[
              { key: 'buildings', label: '按幢汇总', children: <BuildingsTable key={version} fund={f} onPick={(b) => set({ tab: 'units', buildingId: b.buildingId })} /> },
              { key: 'units', label: '分户账', children: <UnitLedger key={version} fund={f} buildingId={buildingId} onBuilding={(id) => set({ buildingId: id })} /> },
              { key: 'movements', label: '资金流水', children: <MovementsTab key={version} fund={f} /> },
              { key: 'statements', label: '对账单', children: <StatementsTab key={version} estateId={f.estateId} /> },
            ]}
          />
        </>
      )}
    </Page>
  );
}
