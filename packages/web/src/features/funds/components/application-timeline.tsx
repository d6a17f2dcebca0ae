import { Steps, Timeline } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { CONFIRMATION_LABELS, FUND_ACTION_LABELS, FUND_STATE_LABELS, type FundState } from '../labels.ts';
import { roleLabel } from '../role.ts';
import type { FundApplicationDetail } from '../types.ts';

const ORDINARY: FundState[] = ['draft', 'submitted', 'in_vote', 'under_review', 'approved', 'disbursing', 'accepted', 'settled', 'published'];
const EMERGENCY: FundState[] = ['draft', 'submitted', 'committee_confirmed', 'under_review', 'approved', 'disbursing', 'accepted', 'settled', 'published'];

/** Where the application is on its path, and every step taken, by whom and when (the audit). */
export function ApplicationTimeline({ app }: { app: FundApplicationDetail }) {
  const path = app.path === 'emergency' ? EMERGENCY : ORDINARY;
  const ended = app.state === 'rejected' || app.state === 'cancelled';
  const reached = ended ? lastReached(app, path) : path.indexOf(app.state);
  const events = (app.timeline ?? []).map((e) => {
    const action = e.action.replace(/^fund\.(application|movement)\./, '');
    return {
      at: e.at,
      label: `${e.label || FUND_ACTION_LABELS[action] || e.action}${e.reason ? `：${e.reason}` : ''}`,
      // a durable job or the meeting's result acts as 'system'
      who: !e.actorName || e.actorName === 'system' ? '系统自动' : [e.actorName, roleLabel(e.actorRole)].filter(Boolean).join(' · '),
      color: action === 'reject' || action === 'vote_failed' || action === 'cancel' ? 'red' : 'blue',
    };
  });
  return (
    <div data-testid="fund-timeline">
      <Steps
        size="small"
        current={Math.max(reached, 0)}
        status={ended ? 'error' : app.state === 'published' ? 'finish' : 'process'}
        style={{ marginBottom: 24, overflowX: 'auto', paddingBottom: 4 }}
        items={path.map((s) => ({ title: FUND_STATE_LABELS[s] }))}
      />
      {(app.confirmations ?? []).length > 0 && (
        <div style={{ marginBottom: 16 }}>
          {(app.confirmations ?? []).map((c, i) => (
            <div key={i} style={{ marginBottom: 4 }}>
              <strong>{CONFIRMATION_LABELS[c.kind] ?? c.kind}</strong>：{c.accountName}（{roleLabel(c.role)}） {formatDateTime(c.createdAt)}
              {c.ownerRepresentatives?.length ? `，业主代表：${c.ownerRepresentatives.join('、')}` : ''}
              {c.note ? `（${c.note}）` : ''}
            </div>
          ))}
        </div>
      )}
      <Timeline
        items={events.map((e) => ({
          color: e.color,
          content: (
            <span>
              <span style={{ color: '#667085', marginRight: 12 }}>{formatDateTime(e.at)}</span>
              {e.label}
              {e.who && <span style={{ color: '#667085', marginLeft: 8 }}>{e.who}</span>}
            </span>
          ),
        }))}
      />
    </div>
  );
}

function lastReached(app: FundApplicationDetail, path: FundState[]): number {
  const seen = (app.timeline ?? []).map((e) => e.action.split('.').pop());
  if (seen.includes('approve')) return path.indexOf('approved');
  if (seen.includes('vote_failed') || seen.includes('put_to_vote')) return path.indexOf('in_vote');
  if (seen.includes('street_confirm')) return path.indexOf('under_review');
  if (seen.includes('submit')) return path.indexOf('submitted');
  return 0;
}
