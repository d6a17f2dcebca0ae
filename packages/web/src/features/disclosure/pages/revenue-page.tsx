import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { EstateView } from '@gongzhi/contracts';
import { useCan } from '../../../app/auth.tsx';
import { FilterBar } from '../../../app/components/filter-bar.tsx';
import { Page } from '../../../app/components/page.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { useApi } from '../../../app/use-api.ts';
import { EstateSelect } from '../../registry/index.ts';
import { EntryDrawer } from '../components/entry-drawer.tsx';
import { LedgerTab } from '../components/ledger-tab.tsx';
import { StatementsTab } from '../components/statements-tab.tsx';

/** 公共收益: one estate's common-revenue ledger and its published statements (第二百八十三条). */
export function RevenuePage() {
  return (
    <RequirePermission permission="disclosure.read">
      <Revenue />
    </RequirePermission>
  );
}

function Revenue() {
  const [params, setParams] = useSearchParams();
  const estateId = params.get('estateId') ? Number(params.get('estateId')) : undefined;
  const tab = params.get('tab') ?? 'ledger';
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
  const estate = useApi<EstateView>(estateId ? `/estates/${estateId}` : null);
  const canBook = useCan('revenue.ledger');
  const [booking, setBooking] = useState(false);
  // a booking changes the ledger's list and totals: remount the open tab
  const [version, setVersion] = useState(0);

  return (
    <Page title="公共收益">
      <FilterBar>
        <EstateSelect value={estateId} onChange={(v) => set({ estateId: v })} allowClear={false} placeholder="选择小区" />
        {canBook && estateId && <Button type="primary" icon={<PlusOutlined />} onClick={() => setBooking(true)} data-testid="new-entry">登记收支</Button>}
      </FilterBar>
      {canBook && estateId && (
        <EntryDrawer
          key={estateId}
          estateId={estateId}
          estateName={estate.data?.name ?? ''}
          open={booking}
          onClose={() => setBooking(false)}
          onBooked={() => setVersion((n) => n + 1)}
        />
      )}
      {!estateId && <Empty description="请选择小区" />}
      {estateId && (
        <Tabs
          activeKey={tab}
          onChange={(t) => set({ tab: t })}
          destroyOnHidden
          items={[
            { key: 'ledger', label: '收支明细', children: <LedgerTab key={`${estateId}-${version}`} estateId={estateId} /> },
            { key: 'statements', label: '收益公示', children: <StatementsTab key={`${estateId}-${version}`} estateId={estateId} /> },
          ]}
        />
      )}
    </Page>
  );
}
