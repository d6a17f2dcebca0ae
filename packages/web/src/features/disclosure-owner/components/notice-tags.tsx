import { PushpinFilled } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import { useDT } from '../messages.ts';
import type { MyNoticeItem } from '../types.ts';

const KIND_COLOR: Record<string, string> = { notice: 'blue', announcement: 'geekblue', publicity: 'purple' };

/** kind, pinned, withdrawn / corrected / correction, expired: what an owner must see at a glance */
export function NoticeTags({ n }: { n: MyNoticeItem }) {
  const { dt } = useDT();
  return (
    <Space size={4} wrap>
      <Tag color={KIND_COLOR[n.kind]} style={{ marginInlineEnd: 0 }}>{n.kindLabel}</Tag>
      {n.pinned && n.state === 'published' && !n.expired && (
        <Tag color="red" icon={<PushpinFilled />} style={{ marginInlineEnd: 0 }} data-testid="notice-pinned">
          {dt('n.pinned')}
        </Tag>
      )}
      {n.state === 'withdrawn' && (
        <Tag color="default" style={{ marginInlineEnd: 0 }} data-testid="notice-withdrawn">
          {dt('n.withdrawn')}
        </Tag>
      )}
      {n.correctedById !== null && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="notice-corrected">
          {dt('n.corrected')}
        </Tag>
      )}
      {n.correctsId !== null && (
        <Tag color="cyan" style={{ marginInlineEnd: 0 }} data-testid="notice-correction">
          {dt('n.correction')}
        </Tag>
      )}
      {n.expired && n.state === 'published' && <Tag style={{ marginInlineEnd: 0 }}>{dt('n.expired')}</Tag>}
    </Space>
  );
}
