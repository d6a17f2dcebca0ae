import { Alert, Button, Card, Descriptions, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { RequirePermission } from '../../../app/components/require-permission.tsx';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { CoverageCard } from '../components/coverage-card.tsx';
import { NoticeActions } from '../components/notice-actions.tsx';
import { NoticeAttachments } from '../components/notice-attachments.tsx';
import { NoticeKindTag, NoticeStateTags } from '../components/notice-tags.tsx';
import { AUDIENCE_LABELS, SOURCE_LABELS } from '../labels.ts';
import type { NoticeDetail } from '../types.ts';

export function NoticePage() {
  return (
    <RequirePermission permission="disclosure.read">
      <Detail />
    </RequirePermission>
  );
}

function Detail() {
  const { id } = useParams();
  const navigate = useNavigate();
  const canPublish = useCan('notice.publish');
  const [actionError, setActionError] = useState<string | null>(null);
  const q = useApi<NoticeDetail>(`/notices/${id}`);
  const n = q.data;
  if (q.error) return <ErrorAlert error={q.error} onRetry={q.reload} />;
  if (!n || String(n.id) !== id) return <Skeleton active />;
  const audience = `${n.audienceLabel || AUDIENCE_LABELS[n.audience] || n.audience}${n.buildings?.length ? `：${n.buildings.map((b) => b.name).join('、')}` : ''}`;

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="notice-title-view">
            <NoticeKindTag kind={n.kind} />{n.title} <NoticeStateTags n={n} />
          </Typography.Title>
          <Typography.Text type="secondary">{n.estateName} · {n.publisherName}{n.publishedAt ? ` · ${formatDateTime(n.publishedAt)} 发布` : ''}</Typography.Text>
        </div>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <NoticeActions n={n} onChanged={q.reload} onError={setActionError} />
          <Button onClick={() => navigate('/notices')}>返回列表</Button>
        </div>
      </div>
      {actionError && <Alert type="error" showIcon closable onClose={() => setActionError(null)} style={{ marginBottom: 16 }} title={actionError} data-testid="notice-action-error" />}
      {n.state === 'withdrawn' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已撤回${n.withdrawnAt ? `（${formatDateTime(n.withdrawnAt)}）` : ''}`}
          description={`撤回原因：${n.withdrawReason ?? ''}`}
          data-testid="notice-withdrawn"
        />
      )}
      {n.correctedById && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={<>本公告已更正，请以 <Link to={`/notices/${n.correctedById}`} data-testid="corrected-by-link">更正后的公告</Link> 为准。</>}
          data-testid="notice-corrected"
        />
      )}
      {n.correctsId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={<>本公告是对 <Link to={`/notices/${n.correctsId}`} data-testid="corrects-link">原公告</Link> 的更正。</>}
          description={n.correctionReason ? `更正说明：${n.correctionReason}` : undefined}
          data-testid="notice-corrects"
        />
      )}
      {n.state === 'draft' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="草稿：仅本单位可见。可上传附件，确认无误后发布。" />}

      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16 }}>
        <Card title="正文">
          <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }} data-testid="notice-body-view">{n.body}</div>
        </Card>
        <Card title="发布信息">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, lg: 2 }}
            items={[
              { key: 'estate', label: '小区', children: n.estateName },
              { key: 'publisher', label: '发布单位', children: n.publisherName },
              { key: 'audience', label: '发布对象', children: <span data-testid="notice-audience-view">{audience}</span> },
              { key: 'published', label: '发布时间', children: n.publishedAt ? formatDateTime(n.publishedAt) : '未发布' },
              ...(n.kind === 'publicity' ? [{ key: 'publicity', label: '公示期', children: n.publicityStart ? `${formatDate(n.publicityStart)} 至 ${formatDate(n.publicityEnd)}` : '未设置' }] : []),
              { key: 'expires', label: '有效期至', children: n.expiresAt ? `${formatDate(n.expiresAt)}${n.expired ? '（已过期）' : ''}` : '长期' },
              ...(n.sourceType ? [{ key: 'source', label: '来源', children: SOURCE_LABELS[n.sourceType] ?? n.sourceType }] : []),
              ...(n.lastRemindedAt ? [{ key: 'remind', label: '上次提醒', children: formatDateTime(n.lastRemindedAt) }] : []),
            ]}
          />
        </Card>
        <Card title={`附件（${n.attachments?.length ?? 0}）`}>
          <NoticeAttachments noticeId={n.id} estateId={n.estateId} files={n.attachments ?? []} canUpload={canPublish && n.state === 'draft' && !!n.availableActions?.includes('edit')} onChanged={q.reload} />
        </Card>
        {n.state !== 'draft' && <CoverageCard noticeId={n.id} title={n.title} version={`${n.readCount}-${n.lastRemindedAt}`} />}
      </div>
    </div>
  );
}
