import { RightOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { NoticeTags } from '../components/notice-tags.tsx';
import { SectionNav } from '../components/section-nav.tsx';
import { useDT } from '../messages.ts';
import type { MyNoticeItem, MyNoticesResponse } from '../types.ts';

// 公告: the notices of my estates, in the server's order (unread first, then pinned, then newest).
// An unread one has a dot and a bold title; withdrawn and corrected ones stay, marked.

const PAGE_SIZE = 20;

function NoticeRow({ n }: { n: MyNoticeItem }) {
  const { dt } = useDT();
  const dim = n.state === 'withdrawn' || n.correctedById !== null;
  return (
    <Link to={`/m/notices/${n.id}`} style={{ display: 'block', marginBottom: 10, color: 'inherit' }} data-testid="notice-item" data-notice-id={n.id} data-read={n.read ? 'yes' : 'no'}>
      <Card size="small" hoverable>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ width: 8, paddingTop: 8 }}>{!n.read && <Badge status="error" data-testid="notice-unread" />}</div>
          <div style={{ flex: 1, minWidth: 0 }}>
            <NoticeTags n={n} />
            <Typography.Text
              strong={!n.read}
              style={{ display: 'block', fontSize: 16, marginTop: 4, wordBreak: 'break-word', color: dim ? '#667085' : undefined, textDecoration: n.state === 'withdrawn' ? 'line-through' : undefined }}
              data-testid="notice-title"
            >
              {n.title}
            </Typography.Text>
            {n.kind === 'publicity' && n.publicityStart && n.publicityEnd && (
              <div style={{ fontSize: 13, color: '#7a5af8' }} data-testid="notice-publicity">{dt('n.publicity', { a: n.publicityStart, b: n.publicityEnd })}</div>
            )}
            <div style={{ fontSize: 12, color: '#667085', marginTop: 2, wordBreak: 'break-word' }}>
              {n.publisherName} · {formatDate(n.publishedAt)} · {n.estateName}
            </div>
          </div>
          <RightOutlined style={{ color: '#98a2b3', marginTop: 6 }} />
        </div>
      </Card>
    </Link>
  );
}

export function NoticesPage() {
  const { dt } = useDT();
  const navigate = useNavigate();
  const canSee = useCan('my.units');
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const { data, error, loading, reload } = useApi<MyNoticesResponse>(canSee ? '/my/notices' : null, { page: 1, pageSize });
  const items = data?.items ?? [];
  return (
    <div>
      <SectionNav current="notices" />
      <PhoneHeader
        title={dt('n.title')}
        extra={
          data && (
            <span style={{ fontSize: 13, color: data.unreadCount ? '#d92d20' : '#667085', whiteSpace: 'nowrap', paddingTop: 6 }} data-testid="notices-unread-count">
              {data.unreadCount ? dt('n.unread', { n: data.unreadCount }) : dt('n.allRead')}
            </span>
          )
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      {!canSee ? (
        <Card>
          <Empty description={dt('n.noUnits')}>
            <Button type="primary" onClick={() => navigate('/m/bind')}>{dt('n.goBind')}</Button>
          </Empty>
        </Card>
      ) : loading && !data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card><Empty description={dt('n.empty')} /></Card>
      ) : (
        <>
          {items.map((n) => <NoticeRow key={n.id} n={n} />)}
          {data && data.total > items.length && (
            <Button block loading={loading} onClick={() => setPageSize(pageSize + PAGE_SIZE)} data-testid="notices-more">
              {dt('n.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
