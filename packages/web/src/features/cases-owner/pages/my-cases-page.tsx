import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { CaseStateTag, DueLine } from '../components/case-state-tag.tsx';
import { categoryLabel, levelLabel, priorityLabel } from '../labels.ts';
import { useCT } from '../messages.ts';
import type { CaseListItem, CaseListResponse } from '../types.ts';

// 报事: my cases (filed by me or followed) and the common-area cases of my estates, each with
// where it stands, who holds it and its running deadline (red once passed).

const PAGE_SIZE = 20;
type Scope = 'mine' | 'estate';

function CaseRow({ c, scope }: { c: CaseListItem; scope: Scope }) {
  const { ct, lang } = useCT();
  const running = c.state === 'open' || c.state === 'in_progress';
  return (
    <Link to={`/m/cases/${c.id}`} style={{ display: 'block', marginBottom: 10, color: 'inherit' }} data-testid="case-item" data-case-id={c.id} data-case-no={c.no}>
      <Card size="small" hoverable>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
              <CaseStateTag state={c.state} />
              {c.priority === 'urgent' && <Tag color="red" style={{ marginInlineEnd: 0 }}>{priorityLabel('urgent', lang)}</Tag>}
              {scope === 'estate' && c.mine && <Tag style={{ marginInlineEnd: 0 }}>{ct('list.mineTag')}</Tag>}
              <span style={{ fontSize: 12, color: '#667085' }}>{categoryLabel(c.category, lang)}</span>
            </div>
            <Typography.Text strong style={{ display: 'block', fontSize: 16, marginTop: 4, wordBreak: 'break-word' }} data-testid="case-title">
              {c.title}
            </Typography.Text>
            <div style={{ fontSize: 12, color: '#667085', marginTop: 2, wordBreak: 'break-word' }}>
              {c.locationLabel} · {levelLabel(c.level, lang)}
            </div>
            <div style={{ fontSize: 12, marginTop: 2, display: 'flex', flexWrap: 'wrap', columnGap: 8 }}>
              <span style={{ color: '#98a2b3' }}>{c.no}</span>
              {running && <DueLine at={c.nextDueAt} overdue={c.overdue} />}
            </div>
          </div>
          <RightOutlined style={{ color: '#98a2b3', marginTop: 6 }} />
        </div>
      </Card>
    </Link>
  );
}

export function MyCasesPage() {
  const { ct } = useCT();
  const navigate = useNavigate();
  const canSee = useCan('my.units');
  const [params, setParams] = useSearchParams();
  const scope: Scope = params.get('scope') === 'estate' ? 'estate' : 'mine';
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const { data, error, loading, reload } = useApi<CaseListResponse>(canSee ? '/my/cases' : null, { scope, page: 1, pageSize });
  const items = data?.items ?? [];
  return (
    <div>
      <PhoneHeader
        title={ct('list.title')}
        extra={
          canSee && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/m/cases/new')} data-testid="case-new">
              {ct('list.new')}
            </Button>
          )
        }
      />
      <Segmented<Scope>
        block
        data-testid="case-scope"
        value={scope}
        onChange={(v) => {
          setPageSize(PAGE_SIZE);
          setParams(v === 'estate' ? { scope: 'estate' } : {}, { replace: true });
        }}
        style={{ marginBottom: 8 }}
        options={[
          { value: 'mine', label: ct('list.mine') },
          { value: 'estate', label: ct('list.estate') },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 10 }}>
        {scope === 'mine' ? ct('list.hint') : ct('list.estateHint')}
      </Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {!canSee ? (
        <Card>
          <Empty description={ct('list.noUnits')}>
            <Button type="primary" onClick={() => navigate('/m/bind')}>{ct('list.goBind')}</Button>
          </Empty>
        </Card>
      ) : loading && !data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card><Empty description={scope === 'mine' ? ct('list.empty') : ct('list.emptyEstate')} /></Card>
      ) : (
        <>
          {items.map((c) => <CaseRow key={c.id} c={c} scope={scope} />)}
          {data && data.total > items.length && (
            <Button block loading={loading} onClick={() => setPageSize(pageSize + PAGE_SIZE)} data-testid="cases-more">
              {ct('list.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
