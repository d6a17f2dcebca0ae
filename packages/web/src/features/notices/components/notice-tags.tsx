import { PushpinFilled } from '@ant-design/icons';
import { Progress, Tag, Tooltip } from 'antd';
import { formatBp } from '../../funds/money.ts';
import { NOTICE_KIND_LABELS, NOTICE_STATE_COLORS, NOTICE_STATE_LABELS } from '../labels.ts';
import type { NoticeListItem } from '../types.ts';

const KIND_COLORS: Record<string, string> = { notice: 'blue', announcement: 'purple', publicity: 'orange' };

export function NoticeKindTag({ kind }: { kind: NoticeListItem['kind'] }) {
  return <Tag color={KIND_COLORS[kind]}>{NOTICE_KIND_LABELS[kind] ?? kind}</Tag>;
}

/** state, plus what happened to it since: corrected, expired, pinned */
export function NoticeStateTags({ n }: { n: Pick<NoticeListItem, 'state' | 'correctedById' | 'expired' | 'pinned'> }) {
  return (
    <>
      {n.pinned && <Tooltip title="置顶"><PushpinFilled style={{ color: '#f79009', marginRight: 6 }} /></Tooltip>}
      <Tag color={NOTICE_STATE_COLORS[n.state]}>{NOTICE_STATE_LABELS[n.state] ?? n.state}</Tag>
      {n.correctedById && <Tag color="gold">已更正</Tag>}
      {n.expired && n.state === 'published' && <Tag>已过期</Tag>}
    </>
  );
}

/** read coverage: a bar with "12/40（30%）" under it */
export function ReadProgress({ read, recipients, bp, testId }: { read: number; recipients: number; bp: number; testId?: string }) {
  return (
    <div style={{ minWidth: 120 }} data-testid={testId}>
      <Progress percent={bp / 100} showInfo={false} size="small" status={bp >= 10_000 ? 'success' : 'normal'} />
      <span style={{ fontSize: 12, color: '#667085' }}>
        {read}/{recipients}（{formatBp(bp)}）
      </span>
    </div>
  );
}
