import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../components/phone-header.tsx';
import { StateTag } from '../components/state-tag.tsx';
import { VotingWindow } from '../components/voting-window.tsx';
import { useMT } from '../messages.ts';
import type { MeetingState, MyMeetingDetail, MyMeetingSummary, MyProxyView } from '../types.ts';

// 我的表决: the meetings the owner can vote in (from notice on), and those where they hold a proxy.

/** whether I have voted: the list has no such field, so each live meeting asks for its own
 *  standing ballots (an owner has a handful of meetings at most) */
function VotedTag({ m, voterKey }: { m: Pick<MyMeetingSummary, 'id' | 'state'>; voterKey?: string }) {
  const { mt } = useMT();
  const live = !['notice_published', 'cancelled'].includes(m.state);
  const { data } = useApi<MyMeetingDetail>(live ? `/my/meetings/${m.id}` : null);
  if (!data) return null;
  const total = data.items.length;
  const key = voterKey ?? (data.voterKeys.find((k) => k.via === 'owner') ?? data.voterKeys[0])?.voterKey;
  const n = new Set(data.myBallots.filter((b) => b.voterKey === key).map((b) => b.itemId)).size;
  if (total > 0 && n >= total) return <Tag color="green" data-testid="voted-tag">{mt('list.voted')}</Tag>;
  if (n > 0) return <Tag color="gold" data-testid="voted-tag">{mt('list.votedSome', { n, total })}</Tag>;
  if (m.state === 'voting_open') return <Tag color="orange" data-testid="voted-tag">{mt('list.notVoted')}</Tag>;
  return null;
}

function MeetingCard(props: { to: string; title: string; estate?: string; state: MeetingState; opensAt?: string; closesAt?: string; tags?: React.ReactNode }) {
  const { mt } = useMT();
  return (
    <Link to={props.to} style={{ display: 'block', marginBottom: 12, color: 'inherit' }} data-testid="my-meeting">
      <Card size="small" hoverable>
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Space size={4} wrap style={{ marginBottom: 4 }}>
              <StateTag state={props.state} />
              {props.tags}
            </Space>
            <Typography.Text strong style={{ display: 'block', fontSize: 16, wordBreak: 'break-word' }}>
              {props.title}
            </Typography.Text>
            {props.estate && <Typography.Text type="secondary">{props.estate}</Typography.Text>}
            {props.opensAt && props.closesAt && (
              <div style={{ fontSize: 13, color: '#667085', marginTop: 4 }}>
                {mt('list.window')}：<VotingWindow opensAt={props.opensAt} closesAt={props.closesAt} />
              </div>
            )}
          </div>
          <RightOutlined style={{ color: '#98a2b3', marginTop: 6 }} />
        </div>
      </Card>
    </Link>
  );
}

export function MyMeetingsPage() {
  const { mt } = useMT();
  const navigate = useNavigate();
  const canVote = useCan('meeting.vote');
  const meetings = useApi<{ items: MyMeetingSummary[] }>(canVote ? '/my/meetings' : null);
  // anyone signed in may hold a proxy, owner or not
  const proxies = useApi<{ held: MyProxyView[] }>('/my/proxies');
  const items = meetings.data?.items ?? [];
  const held = (proxies.data?.held ?? []).filter((p) => p.status === 'approved');
  const loading = meetings.loading || proxies.loading;

  return (
    <div>
      <PhoneHeader title={mt('list.title')} />
      <ErrorAlert error={meetings.error} onRetry={meetings.reload} />
      {loading ? (
        <Skeleton active />
      ) : items.length === 0 && held.length === 0 ? (
        <Card>
          <Empty description={canVote ? mt('list.empty') : mt('list.noUnits')}>
            {!canVote && (
              <Button type="primary" onClick={() => navigate('/m/bind')}>
                {mt('list.goBind')}
              </Button>
            )}
          </Empty>
        </Card>
      ) : (
        items.map((m) => (
          <MeetingCard
            key={m.id}
            to={`/m/meetings/${m.id}`}
            title={m.title}
            estate={m.estateName}
            state={m.state}
            opensAt={m.votingOpensAt}
            closesAt={m.votingClosesAt}
            tags={<VotedTag m={m} />}
          />
        ))
      )}
      {held.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
            {mt('list.proxyTitle')}
          </Typography.Title>
          {held.map((p) => (
            <MeetingCard
              key={`${p.meetingId}-${p.voterKey}`}
              to={`/m/meetings/${p.meetingId}?voterKey=${encodeURIComponent(p.voterKey)}`}
              title={p.meetingTitle}
              estate={`${p.estateName} · ${mt('m.viaProxy')}：${p.ownerName}（${p.units.join('、')}）`}
              state={p.meetingState as MeetingState}
              opensAt={p.votingOpensAt}
              closesAt={p.votingClosesAt}
              tags={<VotedTag m={{ id: p.meetingId, state: p.meetingState as MeetingState }} voterKey={p.voterKey} />}
            />
          ))}
        </>
      )}
    </div>
  );
}
