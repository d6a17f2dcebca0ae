import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import { CASE_LEVEL_LABELS, labelOf } from '../labels.ts';
import type { CaseEventView } from '../types.ts';

// 办理进程: every hop, response, note, deadline and decision, oldest first, as the server wrote it
// (who acted is a party, never an owner's name), with the deadlines an event set listed under it.
// One rendering for the officials' case page and the owner's phone; the owner's page passes its
// English words when the app is in English.

// hops up the ladder, deadlines passed and refusals stand out; the rest is the ordinary flow
const COLORS: Record<string, string> = {
  escalated: 'red', deadline: 'red', reopened: 'orange', department_called: 'orange',
  resolved: 'green', confirmed: 'green', auto_closed: 'green', department_reported: 'green', verified: 'purple',
  merged: 'gray', merged_in: 'gray',
};

export type TimelineDue = 'respond' | 'resolve' | 'report' | 'due';
// the deadlines an event may carry in its data, and how each is named
const DUE_KEYS: [string, TimelineDue][] = [['respondDueAt', 'respond'], ['resolveDueAt', 'resolve'], ['reportDueAt', 'report'], ['dueAt', 'due']];
const DUE_ZH: Record<TimelineDue, string> = { respond: '响应时限', resolve: '办结时限', report: '报到时限', due: '时限' };

export interface TimelineWords {
  /** an event's name (default: the server's kindLabel) */
  kind: (e: CaseEventView) => string;
  /** a rung's name, for the rung an escalation went to */
  level: (level: string) => string;
  /** a deadline the event set, with its time already formatted */
  due: (which: TimelineDue, at: string) => string;
  empty: string;
}

const ZH: TimelineWords = {
  kind: (e) => e.kindLabel,
  level: (l) => labelOf(CASE_LEVEL_LABELS, l),
  due: (which, at) => `${DUE_ZH[which]} ${at}`,
  empty: '暂无记录',
};

export function CaseTimeline({ events, words }: { events: CaseEventView[]; words?: Partial<TimelineWords> }) {
  const w = { ...ZH, ...words };
  if (!events.length) return <Typography.Text type="secondary">{w.empty}</Typography.Text>;
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => {
        const dues = DUE_KEYS.filter(([k]) => typeof e.data?.[k] === 'string').map(([k, which]) => w.due(which, formatDateTime(e.data[k] as string)));
        return {
          key: e.id,
          color: COLORS[e.kind] ?? 'blue',
          content: (
            <div data-testid="case-event" data-kind={e.kind} style={{ minWidth: 0 }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 6, alignItems: 'baseline' }}>
                <strong>
                  {w.kind(e)}
                  {/* an escalation names the rung it went to */}
                  {typeof e.data?.toLevel === 'string' && ` → ${w.level(e.data.toLevel)}`}
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
