import { FileOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { AskButton } from '../../disclosure-owner/index.ts';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { ItemNotice } from '../components/item-notice.tsx';
import { PhoneHeader } from '../components/phone-header.tsx';
import { ProxyRequest } from '../components/proxy-request.tsx';
import { StateTag } from '../components/state-tag.tsx';
import { TurnoutCard } from '../components/turnout-card.tsx';
import { VotingWindow } from '../components/voting-window.tsx';
import { RESULT_STATES } from '../labels.ts';
import { useMT } from '../messages.ts';
import { keyQuery, useMyMeeting, voterKeyLabel } from '../use-meeting.ts';

// The meeting notice on a phone: window, items with their thresholds, attachments, the frozen
// roster, and what the owner can do now (vote, change, receipts, results).

const TURNOUT_STATES = ['voting_open', 'closed', 'tallied'];

export function MeetingPage() {
  const { mt } = useMT();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const { data, error, loading, reload, voterKey, keys, current } = useMyMeeting(id);

  if (loading && !data) return <Skeleton active />;
  if (!data) return <ErrorAlert error={error} onRetry={reload} />;
  const m = data;
  const { items, attachments } = data;
  const q = keyQuery(voterKey, keys);
  const votedItems = new Set(current.map((b) => b.itemId));
  const n = items.filter((i) => votedItems.has(i.id)).length;
  const open = m.state === 'voting_open';
  const canVote = open && !!voterKey && (n === 0 || m.allowChange !== false);

  return (
    <div>
      <PhoneHeader title={m.title} back="/m/meetings" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={4} wrap style={{ marginBottom: 8 }}>
          <StateTag state={m.state} />
          {m.estateName && <Tag>{m.estateName}</Tag>}
        </Space>
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'w', label: mt('m.window'), children: <VotingWindow opensAt={m.votingOpensAt} closesAt={m.votingClosesAt} /> },
            ...(m.noticePublishedOn || m.noticePublishedAt
              ? [{ key: 'n', label: mt('m.noticeDate'), children: m.noticePublishedOn ?? formatDate(m.noticePublishedAt) }]
              : []),
            ...(m.convenerName ? [{ key: 'c', label: mt('m.convener'), children: m.convenerName }] : []),
            ...(keys.length > 0
              ? [{
                  key: 'k',
                  label: mt('m.myVoterKeys'),
                  children: (
                    <span>
                      {voterKey ? `${voterKey.via === 'proxy' ? mt('m.viaProxy') : mt('m.viaOwner')} · ${voterKeyLabel(voterKey)}` : ''}
                    </span>
                  ),
                }]
              : []),
          ]}
        />
        {m.state === 'cancelled' && <Alert type="error" showIcon title={mt('m.cancelled')} style={{ marginTop: 8 }} />}
        {m.state === 'notice_published' && (
          <Alert type="info" showIcon title={mt('m.notOpenYet', { d: formatDateTime(m.votingOpensAt) })} style={{ marginTop: 8 }} />
        )}
        {voterKey && m.state !== 'notice_published' && m.state !== 'cancelled' && (
          <Alert
            data-testid="my-vote-status"
            type={n === items.length ? 'success' : open ? 'warning' : 'info'}
            showIcon
            title={n === items.length ? mt('m.allVoted') : n > 0 ? mt('m.someVoted', { n, total: items.length }) : mt('m.noneVoted')}
            style={{ marginTop: 8 }}
          />
        )}
        {keys.length === 0 && m.state !== 'cancelled' && (
          // bound after the roster was frozen, or a unit outside it: this meeting is not theirs to vote
          <Alert type="info" showIcon title={mt('vote.noKey')} style={{ marginTop: 8 }} />
        )}
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 12 }}>
          {canVote && (
            <Button type="primary" size="large" block onClick={() => navigate(`/m/meetings/${id}/vote${q}`)}>
              {n > 0 ? mt('m.changeVote') : mt('m.vote')}
            </Button>
          )}
          {current.length > 0 && (
            <Button size="large" block onClick={() => navigate(`/m/meetings/${id}/receipts${q}`)}>
              {mt('m.myReceipts')}
            </Button>
          )}
          {RESULT_STATES.includes(m.state) && (
            <Button size="large" block type={canVote ? 'default' : 'primary'} onClick={() => navigate(`/m/meetings/${id}/results`)}>
              {mt('m.results')}
            </Button>
          )}
        </div>
      </Card>

      {TURNOUT_STATES.includes(m.state) && <TurnoutCard meetingId={id} />}

      {(m.state === 'notice_published' || open) && voterKey?.via === 'owner' && current.length === 0 && (
        <ProxyRequest meetingId={id} estateId={m.estateId} />
      )}

      {m.description && (
        <Card size="small" title={mt('m.notice')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{m.description}</Typography.Paragraph>
        </Card>
      )}

      <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
        {mt('m.items')}
      </Typography.Title>
      {items.map((it) => (
        <ItemNotice key={it.id} item={it} />
      ))}

      <Card size="small" title={mt('m.attachments')} style={{ marginBottom: 12 }}>
        {attachments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mt('m.noAttachments')} />
        ) : (
          <List
            size="small"
            dataSource={attachments}
            renderItem={(a) => (
              <List.Item>
                <a href={`/api/v1/attachments/${a.id}`} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }}>
                  <FileOutlined /> {a.filename}
                </a>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Link to={`/m/meetings/${id}/roster`} data-testid="roster-link">
        <Card size="small" hoverable>
          <TeamOutlined /> {mt('m.roster')}
        </Card>
      </Link>
      {/* an owner may question the committee about a meeting once its notice is out (质询) */}
      <div style={{ marginTop: 12 }}>
        <AskButton subjectType="meeting" subjectId={id} title={m.title} back={`/m/meetings/${id}`} />
      </div>
    </div>
  );
}
