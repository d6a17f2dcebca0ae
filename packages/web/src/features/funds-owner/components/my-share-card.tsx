import { Card, Typography } from 'antd';
import { formatArea } from '../../../app/format.ts';
import { useFT } from '../messages.ts';
import { areaPct, formatFen } from '../money.ts';
import type { MyFundApplication } from '../types.ts';

// MY share, before the vote and after settlement, with how it was computed: the owner can redo
// the sum (area ÷ total area × budget) and the rounding rule is named, not hidden.

export function MyShareCard({ app }: { app: MyFundApplication }) {
  const { ft } = useFT();
  const published = app.state === 'published';
  const total = app.shares.totalAreaCenti;
  const unitCount = app.shares.unitCount;
  return (
    <Card size="small" title={ft('app.shareTitle')} style={{ marginBottom: 12 }} data-testid="fund-my-shares">
      {app.myShares.map((s) => {
        const diff = s.actualFen !== null ? s.actualFen - s.shareFen : null;
        return (
          <div key={s.unit} data-testid="fund-my-share" style={{ padding: '8px 0', borderBottom: '1px solid #f2f4f7' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
              <span style={{ fontWeight: 600 }}>
                {s.unit}
                <span style={{ fontWeight: 400, color: '#667085' }}> · {formatArea(s.areaCenti)}</span>
              </span>
              <span style={{ fontSize: 13, color: '#667085', whiteSpace: 'nowrap' }}>{ft('app.shareBudget')}</span>
            </div>
            <div data-testid="fund-my-share-budget" style={{ fontSize: 22, fontWeight: 700, textAlign: 'right' }}>
              {formatFen(s.shareFen)}
            </div>
            {published && s.actualFen !== null && (
              <div data-testid="fund-my-share-actual" style={{ textAlign: 'right' }}>
                <span style={{ fontSize: 13, color: '#667085' }}>{ft('app.shareActual')}{ft('colon')}</span>
                <span style={{ fontSize: 18, fontWeight: 700, color: '#1f6feb' }}>{formatFen(s.actualFen)}</span>
                <div style={{ fontSize: 12, color: '#667085' }}>
                  {diff === 0 ? ft('app.actualSame') : diff! < 0 ? ft('app.actualLess', { v: formatFen(-diff!) }) : ft('app.actualMore', { v: formatFen(diff!) })}
                </div>
              </div>
            )}
            {s.payer === 'developer' && <Typography.Text type="warning">{ft('app.developerPays')}</Typography.Text>}
          </div>
        );
      })}
      <div style={{ marginTop: 10, fontSize: 13, color: '#475467' }} data-testid="fund-share-how">
        <div style={{ fontWeight: 600, marginBottom: 4 }}>{ft('app.howTitle')}</div>
        {app.myShares.map((s) =>
          total > 0 ? (
            <p key={s.unit} style={{ margin: '0 0 6px' }}>
              {ft('app.how', {
                unit: s.unit,
                area: formatArea(s.areaCenti),
                n: unitCount,
                total: formatArea(total),
                pct: areaPct(s.areaCenti, total),
                budget: formatFen(app.budgetFen),
                a: formatArea(s.areaCenti).replace(' ㎡', ''),
                t: formatArea(total).replace(' ㎡', ''),
                share: formatFen(s.shareFen),
              })}
            </p>
          ) : null,
        )}
        {total === 0 && <p style={{ margin: '0 0 6px' }}>{ft('app.howGeneric')}</p>}
        <p style={{ margin: '0 0 6px' }}>{ft('app.howRounding')}</p>
        <p style={{ margin: 0 }}>{ft('app.howPaid')}</p>
      </div>
    </Card>
  );
}
