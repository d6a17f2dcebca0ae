import { Card, Progress, Skeleton, Typography } from 'antd';
import { formatArea } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { useMT } from '../messages.ts';
import type { MeetingTurnoutView } from '../types.ts';

// Live turnout: how much of the roster's area and how many of its owners have voted, against the
// two-thirds participation line. Interim for/against stays hidden until close.

function pct(part: number, total: number): number {
  return total > 0 ? Math.floor((part * 1000) / total) / 10 : 0;
}

function Bar({ label, part, total, text }: { label: string; part: number; total: number; text: string }) {
  const p = pct(part, total);
  return (
    <div style={{ marginBottom: 8 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', fontSize: 13 }}>
        <span>{label}</span>
        <span>
          {text}（{p}%）
        </span>
      </div>
      <div style={{ position: 'relative' }}>
        <Progress percent={p} showInfo={false} strokeColor={p * 3 >= 200 ? '#52c41a' : '#1f6feb'} />
        <span aria-hidden style={{ position: 'absolute', left: '66.67%', top: 2, bottom: 6, borderLeft: '2px dashed #fa8c16' }} />
      </div>
    </div>
  );
}

export function TurnoutCard({ meetingId }: { meetingId: number }) {
  const { mt } = useMT();
  const { data, loading, error } = useApi<MeetingTurnoutView>(`/my/meetings/${meetingId}/turnout`);
  if (error) return null;
  const items = data?.items ?? [];
  // items differ only when one has a charging scope; otherwise one pair of bars says it all
  const same = items.every(
    (x) => x.areaParticipatingCenti === items[0]?.areaParticipatingCenti && x.headParticipating === items[0]?.headParticipating
      && x.areaTotalCenti === items[0]?.areaTotalCenti && x.headTotal === items[0]?.headTotal,
  );
  const shown = same ? items.slice(0, 1) : items;
  return (
    <Card size="small" title={mt('turnout.title')} style={{ marginBottom: 12 }} data-testid="turnout">
      {loading || !data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          {shown.map((x) => (
            <div key={x.itemId}>
              {!same && <Typography.Text strong style={{ display: 'block', fontSize: 13 }}>{mt('m.item', { n: x.position })} · {x.title}</Typography.Text>}
              <Bar label={mt('turnout.area')} part={x.areaParticipatingCenti} total={x.areaTotalCenti} text={`${formatArea(x.areaParticipatingCenti)} / ${formatArea(x.areaTotalCenti)}`} />
              <Bar label={mt('turnout.heads')} part={x.headParticipating} total={x.headTotal} text={`${x.headParticipating} / ${x.headTotal}`} />
            </div>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span style={{ color: '#fa8c16' }}>┆</span> {mt('turnout.line')}
            {data.interimShown ? '' : ` · ${mt('turnout.hidden')}`}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
