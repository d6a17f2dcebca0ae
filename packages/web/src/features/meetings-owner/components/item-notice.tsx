import { Card, Descriptions, List, Typography } from 'antd';
import { approvalText, matterName, participationText, scopeText } from '../labels.ts';
import { useMT } from '../messages.ts';
import type { ItemView } from '../types.ts';

/** One item as the notice lists it: its matter, the thresholds in plain words, the candidates. */
export function ItemNotice({ item, children }: { item: ItemView; children?: React.ReactNode }) {
  const { mt, lang } = useMT();
  const scope = scopeText(item.scope, lang);
  return (
    <Card
      size="small"
      data-testid="meeting-item"
      style={{ marginBottom: 12 }}
      title={
        <div style={{ whiteSpace: 'normal', lineHeight: 1.5, padding: '6px 0' }}>
          <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
            {mt('m.item', { n: item.position })}
          </Typography.Text>
          <div>{item.title}</div>
        </div>
      }
    >
      {item.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.description}</Typography.Paragraph>}
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'matter', label: mt('m.matter'), children: mt('m.matterN', { n: item.matter, name: item.matterName || matterName(item.matter) }) },
          { key: 'part', label: mt('m.participation'), children: participationText(lang) },
          { key: 'appr', label: mt('m.approval'), children: <span data-testid="item-threshold">{approvalText(item, lang)}</span> },
          ...(scope ? [{ key: 'scope', label: mt('m.scope'), children: scope }] : []),
        ]}
      />
      {item.kind === 'election' && !children && (
        <List
          size="small"
          header={<b>{mt('m.candidates')}（{mt('m.seats', { n: item.seats ?? 0 })}）</b>}
          dataSource={item.candidates ?? []}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta title={c.name} description={c.statement || undefined} />
            </List.Item>
          )}
        />
      )}
      {children}
    </Card>
  );
}
