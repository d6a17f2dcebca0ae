import { Alert, Card, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate, formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { AskButton } from '../components/ask-button.tsx';
import { AttachmentList } from '../components/attachment-list.tsx';
import { NoticeTags } from '../components/notice-tags.tsx';
import { SubjectQuestions } from '../components/subject-questions.tsx';
import { announceNoticeRead } from '../components/unread-notices-badge.tsx';
import { useDT } from '../messages.ts';
import type { MyNoticeDetail } from '../types.ts';

// One notice. Opening it is reading it: GET /my/notices/:id records the read on the server (first
// opening only), so the tab's unread badge is asked again once the notice is here.

export function NoticePage() {
  const { dt } = useDT();
  const id = Number(useParams().id);
  const { data: n, error, loading, reload } = useApi<MyNoticeDetail>(`/my/notices/${id}`);
  const loadedId = n?.id;
  useEffect(() => {
    if (loadedId !== undefined) announceNoticeRead();
  }, [loadedId]);

  if (loading && !n) return <Skeleton active />;
  if (!n) {
    return (
      <div>
        <PhoneHeader title={dt('n.title')} back="/m/notices" />
        <ErrorAlert error={error} onRetry={error?.status === 404 ? undefined : reload} />
      </div>
    );
  }
  return (
    <div>
      <PhoneHeader title={<span data-testid="notice-detail-title">{n.title}</span>} back="/m/notices" />
      {n.state === 'withdrawn' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="notice-withdrawn-alert"
          title={dt('n.withdrawnTitle')}
          description={
            <>
              {n.withdrawnAt && <div>{formatDateTime(n.withdrawnAt)}</div>}
              {n.withdrawReason && <div style={{ wordBreak: 'break-word' }}>{dt('n.withdrawReason')}{dt('colon')}{n.withdrawReason}</div>}
            </>
          }
        />
      )}
      {n.correctedById !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="notice-corrected-alert"
          title={dt('n.correctedHint')}
          description={<Link to={`/m/notices/${n.correctedById}`} data-testid="notice-correction-link">{dt('n.seeCorrection')}</Link>}
        />
      )}
      {n.correctsId !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={dt('n.correctsHint')}
          description={
            <>
              {n.correctionReason && <div style={{ wordBreak: 'break-word' }}>{dt('n.correctionReason')}{dt('colon')}{n.correctionReason}</div>}
              <Link to={`/m/notices/${n.correctsId}`} data-testid="notice-original-link">{dt('n.seeOriginal')}</Link>
            </>
          }
        />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <NoticeTags n={n} />
        {n.kind === 'publicity' && n.publicityStart && n.publicityEnd && (
          <div style={{ fontSize: 14, color: '#7a5af8', marginTop: 6 }} data-testid="notice-publicity">{dt('n.publicity', { a: n.publicityStart, b: n.publicityEnd })}</div>
        )}
        <div style={{ fontSize: 13, color: '#667085', margin: '6px 0 10px', wordBreak: 'break-word' }}>
          {n.publisherName} · {dt('n.publishedAt', { d: formatDate(n.publishedAt) })} · {n.estateName}
        </div>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 15, marginBottom: 0 }} data-testid="notice-body">
          {n.body}
        </Typography.Paragraph>
      </Card>
      {sourcePath(n.sourceType, n.sourceId) && (
        <Link to={sourcePath(n.sourceType, n.sourceId)!} data-testid="notice-source-link" style={{ display: 'block', margin: '0 0 12px 4px' }}>
          {dt('n.openSource', { what: dt(`n.src.${n.sourceType!}`) })}
        </Link>
      )}
      <AttachmentList title={dt('n.attachments')} items={n.attachments} />
      {n.state === 'published' && <AskButton subjectType="notice" subjectId={n.id} title={n.title} back={`/m/notices/${n.id}`} />}
      <SubjectQuestions subjectType="notice" subjectId={n.id} />
    </div>
  );
}

/** Where the owner reads the record a notice announces (their own page for it). */
function sourcePath(type: string | null, id: number | null): string | null {
  if (!type || id == null) return null;
  switch (type) {
    case 'meeting': return `/m/meetings/${id}`;
    case 'fund_application': return `/m/fund/applications/${id}`;
    case 'fund_statement': return '/m/fund/statements';
    case 'revenue_statement': return `/m/revenue/${id}`;
    case 'disclosure_filing': return `/m/filings/${id}`;
    default: return null;
  }
}
