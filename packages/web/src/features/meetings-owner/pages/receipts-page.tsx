import { Alert, Button, Card, Collapse, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { voteText } from '../components/item-choice.tsx';
import { PhoneHeader } from '../components/phone-header.tsx';
import { ReceiptCode } from '../components/receipt-code.tsx';
import { useMT } from '../messages.ts';
import { useApi } from '../../../app/use-api.ts';
import type { MyBallotsResponse } from '@gongzhi/contracts';
import type { MyBallotView } from '../types.ts';
import { keyQuery, useMyMeeting } from '../use-meeting.ts';

// 我的回执: the receipt code of each item's standing ballot (copyable, with a link to check its
// inclusion), earlier ballots the owner replaced, and "修改我的投票" while the meeting allows it.

export function ReceiptsPage() {
  const { mt, lang } = useMT();
  const navigate = useNavigate();
  const location = useLocation();
  const justCast = (location.state as { justCast?: number } | null)?.justCast;
  const id = Number(useParams().id);
  const { data, error, loading, reload, voterKey, keys, current } = useMyMeeting(id);
  // the ballots the owner replaced (history); the standing ones come with the meeting
  const history = useApi<MyBallotsResponse>(`/my/meetings/${id}/ballots`);

  if (loading && !data) return <Skeleton active />;
  if (!data) return <ErrorAlert error={error} onRetry={reload} />;
  const m = data;
  const { items } = data;
  const q = keyQuery(voterKey, keys);
  const earlier = (history.data?.ballots ?? []).filter(
    (b) => b.status !== 'current' && b.receipt && (!voterKey || b.voterKey === voterKey.voterKey),
  );
  const canChange = m.state === 'voting_open' && m.allowChange !== false && current.length > 0;
  const none = mt('vote.noneApproved');
  const choiceOf = (b: Pick<MyBallotView, 'itemId' | 'choice' | 'approvals'>) => {
    const item = items.find((i) => i.id === b.itemId);
    return item ? voteText(item, b, lang, none) : '';
  };

  return (
    <div>
      <PhoneHeader title={mt('rc.title')} back={`/m/meetings/${id}${q}`} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {m.title}
      </Typography.Paragraph>
      {justCast !== undefined && (
        <Alert
          data-testid="cast-success"
          type="success"
          showIcon
          title={mt('vote.done')}
          description={mt('vote.doneSub', { n: justCast })}
          style={{ marginBottom: 12 }}
        />
      )}
      {current.length === 0 ? (
        <Card>
          <Empty description={mt('rc.empty')} />
        </Card>
      ) : (
        items.map((it) => {
          const b = current.find((x) => x.itemId === it.id);
          if (!b) return null;
          return (
            <Card
              key={it.id}
              size="small"
              data-testid="receipt"
              style={{ marginBottom: 12 }}
              title={<div style={{ whiteSpace: 'normal', padding: '6px 0' }}>{`${mt('m.item', { n: it.position })} · ${it.title}`}</div>}
            >
              <Space direction="vertical" size={6} style={{ width: '100%' }}>
                <div>
                  <Typography.Text type="secondary">{mt('chk.myChoice')}：</Typography.Text>
                  <b data-testid="receipt-choice">{choiceOf(b)}</b>
                </div>
                <div>
                  <Typography.Text type="secondary">{mt('rc.castAt')}：</Typography.Text>
                  {formatDateTime(b.castAt)}
                </div>
                <Typography.Text type="secondary">{mt('rc.code')}：</Typography.Text>
                {b.receipt && <ReceiptCode code={b.receipt} />}
                {b.receipt && <Link to={`/m/receipts/${b.receipt}`}>{mt('rc.check')} ›</Link>}
              </Space>
            </Card>
          );
        })
      )}
      {canChange && (
        <Button size="large" block type="primary" ghost onClick={() => navigate(`/m/meetings/${id}/vote${q}`)} style={{ marginBottom: 12 }}>
          {mt('m.changeVote')}
        </Button>
      )}
      {earlier.length > 0 && (
        <Collapse
          size="small"
          items={[
            {
              key: 'h',
              label: `${mt('rc.history')}（${earlier.length}）`,
              children: earlier.map((b) => (
                <div key={b.receipt} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <div>
                    {b.itemTitle} · <b>{choiceOf(b)}</b> <Tag>{lang === 'en' ? mt('rc.superseded') : b.statusLabel}</Tag>
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(b.castAt)}
                  </Typography.Text>
                  <ReceiptCode code={b.receipt!} />
                </div>
              )),
            },
          ]}
        />
      )}
    </div>
  );
}
