import { Timeline, Typography } from 'antd';
import { formatDateTime } from '../../../app/format.ts';
import type { CaseEventView } from '../types.ts';

// hops up the ladder, deadlines passed and refusals stand out; the rest is the ordinary flow
const COLORS: Record<string, string> = {
  escalated: 'red', deadline: 'red', reopened: 'orange', department_called: 'orange',
  resolved: 'green', confirmed: 'green', auto_closed: 'green', department_reported: 'green', verified: 'purple',
};

/** Every hop, note and deadline of a case: when, what, and which party (names of owners never show). */
export function CaseTimeline({ events }: { events: CaseEventView[] }) {
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: COLORS[e.kind] ?? 'blue',
        content: (
          <div data-testid={`case-event-${e.kind}`}>
            <span style={{ color: '#667085', marginRight: 12 }}>{formatDateTime(e.at)}</span>
            <strong>{e.kindLabel}</strong>
            <span style={{ color: '#667085', marginLeft: 8 }}>{e.actorLabel}</span>
            {e.text && <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>{e.text}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
