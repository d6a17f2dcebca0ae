import { Alert, Button, Card, Descriptions, Skeleton, Tabs, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { ItemsView } from '../components/items-view.tsx';
import { MeetingActions } from '../components/meeting-actions.tsx';
import { StateTag } from '../components/state-tag.tsx';
import { StateTimeline } from '../components/state-timeline.tsx';
import { CONVENER_LABELS, MEETING_STATES, RULE_PROFILES, type MeetingState } from '../labels.ts';
import type { MeetingView } from '../types.ts';

const RosterTab = lazy(() => import('../components/roster-tab.tsx').then((m) => ({ default: m.RosterTab })));
const ProxiesTab = lazy(() => import('../components/proxies-tab.tsx').then((m) => ({ default: m.ProxiesTab })));
const PaperTab = lazy(() => import('../components/paper-tab.tsx').then((m) => ({ default: m.PaperTab })));
const TurnoutTab = lazy(() => import('../components/turnout-tab.tsx').then((m) => ({ default: m.TurnoutTab })));
const FlagsTab = lazy(() => import('../components/flags-tab.tsx').then((m) => ({ default: m.FlagsTab })));
const ResultsTab = lazy(() => import('../components/results-tab.tsx').then((m) => ({ default: m.ResultsTab })));

/** Whether the meeting has reached a state (by the order of the lifecycle). */
export function reached(state: MeetingState, from: MeetingState): boolean {
  return state !== 'cancelled' && MEETING_STATES.indexOf(state) >= MEETING_STATES.indexOf(from);
}

export function MeetingPage() {
  return (
    <RequirePermission permission="meeting.read">
      <MeetingDetail />
    </RequirePermission>
  );
}

function MeetingDetail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const canConvene = useCan('meeting.convene');
  const canMonitor = useCan('meeting.monitor');
  const meeting = useApi<MeetingView>(`/meetings/${id}`);
  const m = meeting.data;
  if (meeting.error) return <ErrorAlert error={meeting.error} onRetry={meeting.reload} />;
  if (!m) return <Skeleton active />;

  const noticed = reached(m.state, 'notice_published') || (m.state === 'cancelled' && !!m.noticePublishedAt);
  const voting = reached(m.state, 'voting_open') || (m.state === 'cancelled' && !!m.noticePublishedAt);
  const tallied = reached(m.state, 'tallied');
  const lazyTab = (node: React.ReactNode) => <Suspense fallback={<Skeleton active />}>{node}</Suspense>;
  const tabs = [
    {
      key: 'overview', label: '会议概况',
      children: (
        <div style={{ display: 'grid', gap: 16 }}>
          {m.availableActions.includes('approve') && (
            <Alert
              type="warning"
              showIcon
              data-testid="approval-checklist"
              title="审核要点"
              description={(
                <ol style={{ margin: 0, paddingLeft: 18 }}>
                  <li>召集人资格：业主委员会须在任；筹备组只召集首次会议且须有选举议题；街道或代行机构只在没有在任业主委员会时召集。</li>
                  <li>申报户数应与投票名册户数一致。</li>
                  <li>表决事项属于民法典第二百七十八条所列事项；选举议题的候选人不少于应选名额，且不重复。</li>
                  <li>投票开始前须留足公告期（发布公告之日不计入，一般至少 15 日）。</li>
                </ol>
              )}
              action={<span style={{ color: '#667085', fontSize: 12, maxWidth: 200, display: 'inline-block' }}>点击“审核通过”时系统自动核对以上各项，不符合的会逐条列出</span>}
            />
          )}
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, lg: 2 }}
            items={[
              { key: 'estate', label: '小区', children: m.estateName ?? m.estateId },
              { key: 'convener', label: '召集人', children: `${m.convenerName}（${CONVENER_LABELS[m.convenerKind] ?? m.convenerKind}）` },
              { key: 'rules', label: '议事规则', children: RULE_PROFILES[m.rules]?.name ?? m.rules },
              { key: 'households', label: '申报户数', children: m.householdCount },
              { key: 'window', label: '投票时间', children: `${formatDateTime(m.votingOpensAt)} ~ ${formatDateTime(m.votingClosesAt)}` },
              {
                key: 'kind', label: '会议类型',
                children: <>{m.extraordinary ? <Tag color="volcano">临时会议</Tag> : <Tag>定期会议</Tag>}{m.firstMeeting && <Tag color="gold">首次业主大会</Tag>}</>,
              },
              { key: 'change', label: '改票', children: m.allowChange ? '截止前可修改' : '首次投票即为最终' },
              { key: 'interim', label: '投票期间票数', children: m.interimVisible ? '公开同意/反对票数' : '截止前仅公开参与率' },
              ...(m.description ? [{ key: 'desc', label: '会议说明', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{m.description}</span> }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>表决议题</Typography.Title>
          <ItemsView items={m.items} />
          <Typography.Title level={5} style={{ margin: 0 }}>进程</Typography.Title>
          <StateTimeline meeting={m} />
        </div>
      ),
    },
    ...(noticed ? [{ key: 'roster', label: '投票名册', children: lazyTab(<RosterTab meeting={m} />) }] : []),
    ...(noticed && (canConvene || canMonitor) ? [{ key: 'proxies', label: '委托投票', children: lazyTab(<ProxiesTab meeting={m} />) }] : []),
    ...(voting && canConvene ? [{ key: 'paper', label: '纸质票', children: lazyTab(<PaperTab meeting={m} />) }] : []),
    ...(voting ? [{ key: 'turnout', label: '参与情况', children: lazyTab(<TurnoutTab meeting={m} />) }] : []),
    ...(voting && canMonitor ? [{ key: 'flags', label: '监测提示', children: lazyTab(<FlagsTab meeting={m} />) }] : []),
    ...(tallied ? [{ key: 'results', label: '表决结果', children: lazyTab(<ResultsTab meeting={m} />) }] : []),
  ];
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'overview';

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="meeting-title">
            {m.title} <StateTag state={m.state} />
          </Typography.Title>
          <Typography.Text type="secondary">{m.estateName ?? ''} · {m.convenerName}</Typography.Text>
        </div>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <MeetingActions meeting={m} onChanged={meeting.reload} />
          <Button onClick={() => navigate('/meetings')}>返回列表</Button>
        </div>
      </div>
      <Card>
        <Tabs
          activeKey={active}
          onChange={(tab) => setParams((p) => { const n = new URLSearchParams(p); n.set('tab', tab); return n; }, { replace: true })}
          items={tabs}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
