import { Button, Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { useFT, type FT } from '../messages.ts';
import { formatFen } from '../money.ts';
import type { MyFundResponse, MyFundStatement, MyFundStatementSummary, MyFundUnit, StatementFigures } from '../types.ts';

// The published half-yearly statements of my estates, as published (the server keeps them
// verbatim). A phone has no room for a nine-column table: each building is a label/value list.

type MoneyKey = Exclude<keyof StatementFigures, 'unitCount' | 'initialFen' | 'belowLine'>;
const ROWS: [MoneyKey, Parameters<FT>[0], boolean][] = [
  ['openingFen', 'stmt.opening', false],
  ['depositsFen', 'stmt.deposits', false],
  ['replenishmentsFen', 'stmt.replenishments', false],
  ['interestFen', 'stmt.interest', false],
  ['withdrawalsFen', 'stmt.withdrawals', true],
  ['reversalsFen', 'stmt.reversals', false],
  ['refundsFen', 'stmt.refunds', true],
  ['closingFen', 'stmt.closing', false],
];

function Line({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '3px 0', fontWeight: strong ? 700 : 400 }}>
      <span style={{ color: strong ? undefined : '#475467' }}>{label}</span>
      <span style={{ whiteSpace: 'nowrap' }}>{value}</span>
    </div>
  );
}

function Figures({ f, testId }: { f: StatementFigures; testId?: string }) {
  const { ft } = useFT();
  return (
    <div data-testid={testId}>
      {ROWS.map(([key, label, out]) => {
        const v = f[key];
        // a phone has no room for rows of 0.00: opening and closing always, the rest when non-zero
        if (v === 0 && key !== 'openingFen' && key !== 'closingFen') return null;
        return <Line key={key} label={ft(label)} value={out && v > 0 ? formatFen(-v) : formatFen(v)} strong={key === 'closingFen'} />;
      })}
      <Line label={ft('stmt.units')} value={String(f.unitCount)} />
    </div>
  );
}

function StatementCard({ s, mine }: { s: MyFundStatementSummary; mine: MyFundUnit[] }) {
  const { ft } = useFT();
  const [open, setOpen] = useState(false);
  // the figures by building come from the published statement itself (GET /my/fund/statements/:id);
  // should it fail, the summary from the list still stands
  const detail = useApi<MyFundStatement>(`/my/fund/statements/${s.id}`);
  const body = detail.error ? undefined : detail.data?.body;
  // my own buildings first and open: a unit is named 'building-number' (/my/fund)
  const isMine = (name: string) => mine.some((u) => u.estateId === s.estateId && u.unit.startsWith(`${name}-`));
  const myBuildings = (body?.buildings ?? []).filter((b) => isMine(b.name));
  const buildings = (body?.buildings ?? []).filter((b) => !isMine(b.name));
  return (
    <Card
      size="small"
      data-testid="fund-statement"
      style={{ marginBottom: 12 }}
      title={
        <div style={{ whiteSpace: 'normal', wordBreak: 'break-word', padding: '4px 0' }}>
          <div>{s.estateName}</div>
          <div style={{ fontWeight: 400, fontSize: 13, color: '#475467' }}>{ft('stmt.period', { a: s.periodStart, b: s.periodEnd })}</div>
        </div>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {ft('stmt.publishedAt', { d: formatDate(s.publishedAt) })}
      </Typography.Text>
      <div style={{ fontWeight: 600, margin: '8px 0 2px' }}>{ft('stmt.estate')}</div>
      {body ? (
        <Figures f={body.estate} testId="fund-statement-estate" />
      ) : (
        <div data-testid="fund-statement-estate">
          <Line label={ft('stmt.opening')} value={formatFen(s.openingFen)} />
          <Line label={ft('stmt.closing')} value={formatFen(s.closingFen)} strong />
        </div>
      )}
      {myBuildings.map((b) => (
        <div key={b.buildingId} style={{ borderTop: '1px solid #f2f4f7', paddingTop: 6, marginTop: 6 }} data-testid="fund-statement-my-building">
          <div style={{ fontWeight: 600 }}>{ft('stmt.myBuilding', { name: b.name })}</div>
          <Figures f={b} />
        </div>
      ))}
      {buildings.length > 0 && (
        <>
          <Button type="link" style={{ padding: 0, marginTop: 6 }} onClick={() => setOpen(!open)} data-testid="fund-statement-toggle">
            {open ? ft('stmt.hide') : ft('stmt.others', { n: buildings.length })}
          </Button>
          {open &&
            buildings.map((b) => (
              <div key={b.buildingId} style={{ borderTop: '1px solid #f2f4f7', paddingTop: 6, marginTop: 6 }} data-testid="fund-statement-building">
                <div style={{ fontWeight: 600 }}>{b.name}</div>
                <Figures f={b} />
              </div>
            ))}
        </>
      )}
    </Card>
  );
}

export function FundStatementsPage() {
  const { ft } = useFT();
  const { data, error, loading, reload } = useApi<{ items: MyFundStatementSummary[] }>('/my/fund/statements');
  const fund = useApi<MyFundResponse>('/my/fund');
  const items = data?.items ?? [];
  return (
    <div>
      <PhoneHeader title={ft('stmt.title')} back="/m/fund" />
      <ErrorAlert error={error} onRetry={reload} />
      {loading ? <Skeleton active /> : items.length === 0 ? <Card><Empty description={ft('stmt.empty')} /></Card> : items.map((s) => <StatementCard key={s.id} s={s} mine={fund.data?.units ?? []} />)}
    </div>
  );
}
