import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { FilingStateTag } from '../components/filing-state-tag.tsx';
import { SectionNav } from '../components/section-nav.tsx';
import { useDT } from '../messages.ts';
import type { MyFilingItem } from '../types.ts';

// 公示备案: the filed packages of my estates (the server gives the latest version per party and period).

export function partyText(f: Pick<MyFilingItem, 'party' | 'partyLabel'>, dt: ReturnType<typeof useDT>['dt'], lang: string): string {
  if (lang === 'zh' && f.partyLabel) return f.partyLabel;
  return dt(f.party === 'company' ? 'f.company' : 'f.committee');
}

function FilingCard({ f }: { f: MyFilingItem }) {
  const { dt, lang } = useDT();
  return (
    <Link to={`/m/filings/${f.id}`} style={{ display: 'block', marginBottom: 12, color: 'inherit' }} data-testid="filing-item" data-filing-id={f.id}>
      <Card size="small" hoverable>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Space size={4} wrap style={{ marginBottom: 4 }}>
              <FilingStateTag state={f.state} />
              <Tag style={{ marginInlineEnd: 0 }}>{dt('f.version', { v: f.version })}</Tag>
              {f.late && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{dt('f.late')}</Tag>}
            </Space>
            <Typography.Text strong style={{ display: 'block', fontSize: 16, wordBreak: 'break-word' }}>
              {f.periodLabel} · {partyText(f, dt, lang)}
            </Typography.Text>
            <div style={{ fontSize: 12, color: '#667085', wordBreak: 'break-word' }}>
              {f.partyName ? `${f.partyName} · ` : ''}{f.filedAt ? `${dt('f.filedAt', { d: formatDate(f.filedAt) })} · ` : ''}{f.estateName}
            </div>
          </div>
          <RightOutlined style={{ color: '#98a2b3', marginTop: 6 }} />
        </div>
      </Card>
    </Link>
  );
}

export function FilingsPage() {
  const { dt } = useDT();
  const canSee = useCan('my.units');
  const { data, error, loading, reload } = useApi<{ items: MyFilingItem[] }>(canSee ? '/my/filings' : null);
  const items = data?.items ?? [];
  return (
    <div>
      <SectionNav current="filings" />
      <PhoneHeader title={dt('f.title')} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{dt('f.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? <Skeleton active /> : items.length === 0 ? <Card><Empty description={dt('f.empty')} /></Card> : items.map((f) => <FilingCard key={f.id} f={f} />)}
    </div>
  );
}
