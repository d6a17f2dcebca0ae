import { Card } from 'antd';
import { formatArea } from '../../../app/format.ts';
import { areaPct, formatFen } from '../../funds-owner/money.ts';
import { useDT } from '../messages.ts';
import type { MyRevenueStatement } from '../types.ts';

// MY share of the period's net and how it was computed: my area ÷ total area × net, with the
// rounding rule named so the owner can redo the sum.

export function RevenueShareCard({ s }: { s: MyRevenueStatement }) {
  const { dt } = useDT();
  const total = s.totalAreaCenti;
  const bare = (c: number) => formatArea(c).replace(' ㎡', '');
  return (
    <Card size="small" title={dt('r.myShare')} style={{ marginBottom: 12 }} data-testid="revenue-my-shares">
      {s.myShares.map((m) => (
        <div key={m.unitId} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8, padding: '6px 0', borderBottom: '1px solid #f2f4f7' }} data-testid="revenue-my-share">
          <span style={{ fontWeight: 600, minWidth: 0, wordBreak: 'break-word' }}>
            {m.unit}
            <span style={{ fontWeight: 400, color: '#667085' }}> · {formatArea(m.areaCenti)}</span>
          </span>
          <span style={{ fontSize: 20, fontWeight: 700, whiteSpace: 'nowrap', color: m.shareFen < 0 ? '#d92d20' : '#1f6feb' }} data-testid="revenue-my-share-fen">
            {formatFen(m.shareFen)}
          </span>
        </div>
      ))}
      <div style={{ marginTop: 10, fontSize: 13, color: '#475467' }} data-testid="revenue-share-how">
        <div style={{ fontWeight: 600, marginBottom: 4 }}>{dt('r.howTitle')}</div>
        {total > 0
          ? s.myShares.map((m) => (
              <p key={m.unitId} style={{ margin: '0 0 6px' }}>
                {dt('r.how', {
                  unit: m.unit,
                  area: formatArea(m.areaCenti),
                  total: formatArea(total),
                  pct: areaPct(m.areaCenti, total),
                  net: formatFen(s.netFen),
                  a: bare(m.areaCenti),
                  t: bare(total),
                  share: formatFen(m.shareFen),
                })}
              </p>
            ))
          : <p style={{ margin: '0 0 6px' }}>{dt('r.howGeneric')}</p>}
        <p style={{ margin: '0 0 6px' }}>{dt('r.howRounding')}</p>
        <p style={{ margin: 0 }}>{dt('r.howKept')}</p>
      </div>
    </Card>
  );
}
