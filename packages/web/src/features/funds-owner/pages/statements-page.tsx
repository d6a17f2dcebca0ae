import { Button, Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { useFT, type FT } from '../messages.ts';
import { formatFen } from '../money.ts';
import type { MyFundStatement, StatementFigures } from '../types.ts';

// The published half-yearly statements of my estates, as published (the server keeps them
// verbatim). A phone has no room for a nine-column table: each building is a label/value list.

const ROWS: [keyof StatementFigures, Parameters<FT>[0], boolean][] = [
  ['openingFen', 'stmt.opening', false],
  ['depositsFen', 'stmt.deposits', false],
  ['replenishmentsFen', 'stmt.replenishments', false],
  ['interestFen', 'stmt.interest', false],
  ['withdrawalsFen', 'stmt.withdrawals', true],
  ['reversalsFen', 'stmt.reversals', false],
  ['refundsFen', 'stmt.refunds', true],
  ['closingFen', 'stmt.closing', false],
];

function Figures({ f, testId }: { f: StatementFigures; testId?: string }) {
  const { ft } = useFT();
  return (
    <div data-testid={testId}>
      {ROWS.map(([key, label, out]) => {
        const v = f[key] ?? 0;
        const strong = key === 'closingFen';
        return (
          <div key={key} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '3px 0', fontWeight: strong ? 700 : 400 }}>
            <span style={{ color: strong ? undefined : '#475467' }}>{ft(label)}</span>
            <span style={{ whiteSpace: 'nowrap' }}>{out && v > 0 ? formatFen(-v) : formatFen(v)}</span>
          </div>
        );
      })}
      {f.unitCount !== undefined && (
        <div style={{ display: 'flex', justifyContent: 'space-between', padding: '3px 0', color: '#667085', fontSize: 13 }}>
          <span>{ft('stmt.units')}</span>
          <span>{f.unitCount}</span>
        </div>
      )}
    </div>
  );
}

function StatementCard({ s }: { s: MyFundStatement }) {
  const { ft } = useFT();
  const [open, setOpen] = useState(false);
  const buildings = s.body?.buildings ?? [];
  return (
    <Card
      size="small"
      data-testid="fund-statement"
      style={{ marginBottom: 12 }}
      title={
        <div style={{ whiteSpace: 'normal', wordBreak: 'break-word', padding: '4px 0' }}>
          {s.estateName && <div>{s.estateName}</div>}
          <div style={{ fontWeight: 400, fontSize: 13, color: '#475467' }}>{ft('stmt.period', { a: s.periodStart, b: s.periodEnd })}</div>
        </div>
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {ft('stmt.publishedAt', { d: formatDate(s.publishedAt) })}
      </Typography.Text>
      {s.body?.estate && (
        <>
          <div style={{ fontWeight: 600, margin: '8px 0 2px' }}>{ft('stmt.estate')}</div>
          <Figures f={s.body.estate} testId="fund-statement-estate" />
        </>
      )}
      {buildings.length > 0 && (
        <>
          <Button type="link" style={{ padding: 0, marginTop: 6 }} onClick={() => setOpen(!open)} data-testid="fund-statement-toggle">
            {open ? ft('stmt.hide') : `${ft('stmt.buildings')} · ${ft('stmt.show')}`}
          </Button>
          {open &&
            buildings.map((b) => (
              <div key={b.buildingId ?? b.name} style={{ borderTop: '1px solid #f2f4f7', paddingTop: 6, marginTop: 6 }}>
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
  const { data, error, loading, reload } = useApi<{ items: MyFundStatement[] }>('/my/fund/statements');
  const items = data?.items ?? [];
  return (
    <div>
      <PhoneHeader title={ft('stmt.title')} back="/m/fund" />
      <ErrorAlert error={error} onRetry={reload} />
      {loading ? <Skeleton active /> : items.length === 0 ? <Card><Empty description={ft('stmt.empty')} /></Card> : items.map((s) => <StatementCard key={s.id} s={s} />)}
    </div>
  );
}
