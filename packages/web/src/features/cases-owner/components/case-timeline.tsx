import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { eventLabel, levelLabel } from '../labels.ts';
import { useCT } from '../messages.ts';
import type { CaseEventView } from '../types.ts';

// 办理过程: every hop, response, note, deadline and decision, oldest first, as the server wrote it
// (who acted is a party, never a person's name). Deadlines an event set are listed under it.

const DUE_KEYS = [
  ['respondDueAt', 'ev.respondDue'],
  ['resolveDueAt', 'ev.resolveDue'],
  ['reportDueAt', 'ev.dueAt'],
  ['dueAt', 'ev.dueAt'],
] as const;

const COLOR: Record<string, string> = {
  filed: 'blue', escalated: 'red', deadline: 'red', resolved: 'green', confirmed: 'green', auto_closed: 'green',
  reopened: 'orange', department_called: 'purple', department_reported: 'purple', merged: 'gray', merged_in: 'gray',
};

export function CaseTimeline({ events }: { events: CaseEventView[] }) {
  const { ct, lang } = useCT();
  if (!events.length) return <Typography.Text type="secondary">{ct('case.noTimeline')}</Typography.Text>;
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => {
        const dues = DUE_KEYS.filter(([k]) => typeof e.data?.[k] === 'string').map(([k, label]) => ct(label, { d: formatDateTime(e.data[k] as string) }));
        return {
          key: e.id,
          color: COLOR[e.kind] ?? 'blue',
          content: (
            <div data-testid="case-event" data-kind={e.kind} style={{ minWidth: 0 }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 6, alignItems: 'baseline' }}>
                <strong>
                  {eventLabel(e.kind, e.kindLabel, lang)}
                  {/* an escalation names the rung it went to */}
                  {typeof e.data?.toLevel === 'string' && ` → ${levelLabel(e.data.toLevel, lang)}`}
                </strong>
                <span style={{ fontSize: 13, color: '#475467' }}>{e.actorLabel}</span>
              </div>
              <div style={{ fontSize: 12, color: '#98a2b3' }}>{formatDateTime(e.at)}</div>
              {e.text && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 2 }}>{e.text}</div>}
              {dues.map((d) => (
                <div key={d} style={{ fontSize: 12, color: '#b54708', marginTop: 2 }} data-testid="case-event-due">{d}</div>
              ))}
            </div>
          ),
        };
      })}
    />
  );
}
