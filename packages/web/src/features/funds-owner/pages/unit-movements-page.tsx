import { Card, Empty, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { UnitBalanceCard } from '../components/unit-balance-card.tsx';
import { useFT } from '../messages.ts';
import { formatFen } from '../money.ts';
import type { MyFundLedger, MyFundMovement } from '../types.ts';

// One unit's account (分户账): every movement, newest first, with the balance after it. The
// server computes the running balance from the books; the screen never adds money up itself.

function MovementRow({ m }: { m: MyFundMovement }) {
  const { ft } = useFT();
  const incoming = m.amountFen > 0;
  return (
    <div data-testid="fund-movement" style={{ padding: '10px 0', borderBottom: '1px solid #f2f4f7' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
        <span style={{ fontWeight: 600, minWidth: 0, wordBreak: 'break-word' }}>{m.kindLabel}</span>
        <span data-testid="fund-movement-amount" style={{ fontWeight: 600, whiteSpace: 'nowrap', color: incoming ? '#067647' : '#b42318' }}>
          {formatFen(m.amountFen, { signed: true })}
        </span>
      </div>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 13, color: '#667085', marginTop: 2 }}>
        <span style={{ whiteSpace: 'nowrap' }}>{m.bookedOn}</span>
        <span data-testid="fund-movement-after" style={{ whiteSpace: 'nowrap' }}>
          {ft('mv.after', { v: formatFen(m.balanceAfterFen) })}
        </span>
      </div>
      {m.memo && <div style={{ fontSize: 13, color: '#475467', marginTop: 2, wordBreak: 'break-word' }}>{m.memo}</div>}
      {m.applicationId && (
        <Link to={`/m/fund/applications/${m.applicationId}`} style={{ fontSize: 13 }}>
          {ft('mv.app')}
        </Link>
      )}
    </div>
  );
}

export function UnitMovementsPage() {
  const { ft } = useFT();
  const unitId = Number(useParams().unitId);
  const { data, error, loading, reload } = useApi<MyFundLedger>(`/my/fund/units/${unitId}/movements`);

  if (loading && !data) return <Skeleton active />;
  if (!data) return <ErrorAlert error={error} onRetry={reload} />;
  const u = data.unit;
  return (
    <div>
      <PhoneHeader title={`${ft('mv.title')} · ${u.unit}`} back="/m/fund" />
      <UnitBalanceCard
        link={false}
        unit={{ ...u, balanceFen: data.balanceFen, initialFen: data.initialFen, belowLine: data.belowLine }}
      />
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
          {ft('mv.hint')}
        </Typography.Paragraph>
        {data.items.length === 0 ? <Empty description={ft('mv.empty')} /> : data.items.map((m) => <MovementRow key={m.movementId} m={m} />)}
      </Card>
    </div>
  );
}
