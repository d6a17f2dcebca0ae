import { Card, Descriptions, Tag, Typography } from 'antd';
import { matterName, thresholdText } from '../labels.ts';
import type { MeetingItemView } from '../types.ts';

/** The items as the notice lists them: matter, thresholds, candidates. */
export function ItemsView({ items }: { items: MeetingItemView[] }) {
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      {items.map((i, n) => (
        <Card
          key={i.id}
          size="small"
          title={<span>{`议题 ${n + 1}：${i.title}`}</span>}
          extra={i.kind === 'election' ? <Tag color="purple">选举 · 应选 {i.seats} 名</Tag> : <Tag color="blue">第{i.matter}项</Tag>}
          data-testid={`item-view-${n}`}
        >
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'matter', label: '事项类别', children: `民法典第二百七十八条第一款第${i.matter}项：${i.matterName || matterName(i.matter)}` },
              { key: 'rule', label: '表决规则', children: i.thresholds || thresholdText(i.matter) },
              ...(i.scope ? [{
                key: 'scope', label: '列支范围',
                children: [...(i.scope.buildings ?? []), ...(i.scope.units ?? [])].join('、'),
              }] : []),
              ...(i.description ? [{ key: 'desc', label: '说明', children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{i.description}</Typography.Paragraph> }] : []),
              ...(i.kind === 'election'
                ? [{
                  key: 'cands', label: '候选人',
                  children: (
                    <span>
                      {(i.candidates ?? []).map((c) => (
                        <Tag key={c.id} style={{ marginBottom: 4 }} title={c.statement || undefined}>{c.name}</Tag>
                      ))}
                    </span>
                  ),
                }]
                : []),
            ]}
          />
        </Card>
      ))}
    </div>
  );
}
