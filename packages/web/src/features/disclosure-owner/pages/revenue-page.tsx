import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../../funds-owner/money.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { MoneyLine } from '../components/money-line.tsx';
import { SectionNav } from '../components/section-nav.tsx';
import { useDT } from '../messages.ts';
import type { MyRevenueStatement } from '../types.ts';

// 公共收益: the published statements of my estates, each with the period's figures and MY share.

function StatementCard({ s }: { s: MyRevenueStatement }) {
  const { dt } = useDT();
  const mine = s.myShares.reduce((sum, m) => sum + m.shareFen, 0);
  return (
    <Link to={`/m/revenue/${s.id}`} style={{ display: 'block', marginBottom: 12, color: 'inherit' }} data-testid="revenue-statement" data-statement-id={s.id}>
      <Card size="small" hoverable>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong style={{ display: 'block', fontSize: 16, wordBreak: 'break-word' }}>
              {s.periodLabel} · {s.estateName}
            </Typography.Text>
            <div style={{ fontSize: 12, color: '#667085', marginBottom: 6 }}>
              {dt('r.period', { a: s.periodStart, b: s.periodEnd })} · {dt('r.publishedAt', { d: formatDate(s.publishedAt) })}
            </div>
            <MoneyLine label={dt('r.income')} value={formatFen(s.incomeFen)} />
            <MoneyLine label={dt('r.expense')} value={formatFen(s.expenseFen === 0 ? 0 : -s.expenseFen)} />
            <MoneyLine label={dt('r.net')} value={formatFen(s.netFen)} strong />
            {s.myShares.length > 0 && (
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 6, paddingTop: 6, borderTop: '1px solid #f2f4f7' }}>
                <span>{dt('r.myShare')}</span>
                <span style={{ fontSize: 18, fontWeight: 700, color: mine < 0 ? '#d92d20' : '#1f6feb', whiteSpace: 'nowrap' }} data-testid="revenue-statement-my-share">
                  {formatFen(mine)}
                </span>
              </div>
            )}
          </div>
          <RightOutlined style={{ color: '#98a2b3', marginTop: 6 }} />
        </div>
      </Card>
    </Link>
  );
}

export function RevenuePage() {
  const { dt } = useDT();
  const canSee = useCan('my.units');
  const { data, error, loading, reload } = useApi<{ items: MyRevenueStatement[] }>(canSee ? '/my/revenue/statements' : null);
  const items = data?.items ?? [];
  return (
    <div>
      <SectionNav current="revenue" />
      <PhoneHeader title={dt('r.title')} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{dt('r.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? <Skeleton active /> : items.length === 0 ? <Card><Empty description={dt('r.empty')} /></Card> : items.map((s) => <StatementCard key={s.id} s={s} />)}
    </div>
  );
}
