import { Alert, Card, Rate, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PhotoGrid } from '../../cases/components/case-photos.tsx';
import { CaseTimeline, type TimelineWords } from '../../cases/components/case-timeline.tsx';
import { Field } from '../../meetings-owner/components/field.tsx';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { CaseActions } from '../components/case-actions.tsx';
import { CaseStateTag, DueLine } from '../components/case-state-tag.tsx';
import { categoryLabel, eventLabel, levelLabel, priorityLabel } from '../labels.ts';
import { useCT, type CT } from '../messages.ts';
import type { CaseDetail } from '../types.ts';

// One case on the phone: where it stands and who holds it by when, what I can do (confirm and
// rate, ask for it to be redone, take it one rung up), what I reported with my photos, the
// handler's result photos, the departments called in, and the whole timeline.

/** the timeline in the owner's language (in Chinese the server's own event names) */
const timelineWords = (ct: CT, lang: 'zh' | 'en'): TimelineWords => ({
  kind: (e) => eventLabel(e.kind, e.kindLabel, lang),
  level: (l) => levelLabel(l, lang),
  due: (which, d) => ct(which === 'respond' ? 'ev.respondDue' : which === 'resolve' ? 'ev.resolveDue' : which === 'report' ? 'case.reportDue' : 'ev.dueAt', { d }),
  empty: ct('case.noTimeline'),
});

function Outcome({ c }: { c: CaseDetail }) {
  const { ct } = useCT();
  if (c.state === 'merged' && c.mergedInto) {
    // the owner follows the surviving case: one tap takes them there
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={ct('case.mergedInto', { no: c.mergedInto.no })}
        action={<Link to={`/m/cases/${c.mergedInto.id}`} data-testid="case-merged-open">{ct('case.openMerged', { no: c.mergedInto.no })}</Link>}
        data-testid="case-merged"
      />
    );
  }
  if (c.state === 'closed') {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="case-closed"
        title={c.closeKind === 'auto' ? ct('case.closedAuto') : ct('case.closedConfirmed')}
        description={
          c.rating !== null && (
            <div>
              {ct('case.rating')}{ct('colon')}<Rate disabled value={c.rating} style={{ fontSize: 14 }} />
              {c.ratingComment && <div style={{ wordBreak: 'break-word' }}>{c.ratingComment}</div>}
            </div>
          )
        }
      />
    );
  }
  return null;
}

export function CasePage() {
  const { ct, lang } = useCT();
  const id = Number(useParams().id);
  const { data: c, error, loading, reload } = useApi<CaseDetail>(`/my/cases/${id}`);
  const [done, setDone] = useState<string | null>(null);

  if (loading && !c) return <Skeleton active />;
  if (!c) {
    // not found (another owner's private case) is final: no retry, a way back
    return (
      <div>
        <PhoneHeader title={ct('case.title')} back="/m/cases" />
        <ErrorAlert error={error} onRetry={error?.status === 404 ? undefined : reload} />
      </div>
    );
  }
  const running = c.state === 'open' || c.state === 'in_progress';
  const photos = c.attachments.filter((a) => a.recordType === 'case');
  const evidence = c.attachments.filter((a) => a.recordType === 'case_evidence');
  const acts = c.state !== 'closed' && c.state !== 'merged';
  return (
    <div>
      <PhoneHeader title={c.title} back="/m/cases" />
      {done && <Alert type="success" showIcon closable style={{ marginBottom: 12 }} title={done} data-testid="case-done" onClose={() => setDone(null)} />}
      <ErrorAlert error={error} onRetry={reload} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={4} wrap style={{ marginBottom: 6 }}>
          <CaseStateTag state={c.state} />
          {c.priority === 'urgent' && <Tag color="red" style={{ marginInlineEnd: 0 }}>{priorityLabel('urgent', lang)}</Tag>}
          {c.reopenCount > 0 && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{ct('case.reopened', { n: c.reopenCount })}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="case-no">{c.no}</Typography.Text>
        </Space>
        <Field label={ct('case.handler')} testId="case-handler">
          {/* in English the rung's name, except a department's own (Chinese) name */}
          <span style={{ fontSize: 16, fontWeight: 600 }}>{lang === 'en' && c.handlerParty !== 'department' ? levelLabel(c.level, lang) : c.handlerName || levelLabel(c.level, lang)}</span>
          {c.assigneeName && <span style={{ color: '#667085' }}> · {c.assigneeName}</span>}
        </Field>
        {running && (c.nextDueAt || c.overdue) && (
          <div style={{ marginBottom: 10 }}>
            <DueLine at={c.nextDueAt} overdue={c.overdue} which={c.nextDueAt && c.nextDueAt === c.respondDueAt ? 'respond' : 'resolve'} />
          </div>
        )}
        {c.state === 'resolved' && c.autoCloseAt && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 10 }} data-testid="case-auto-close">
            {ct('case.autoCloseAt', { d: formatDateTime(c.autoCloseAt) })}
          </Typography.Paragraph>
        )}
        {acts && <CaseActions c={c} onDone={(what) => { setDone(what); reload(); }} />}
      </Card>

      <Outcome c={c} />

      <Card size="small" style={{ marginBottom: 12 }}>
        <Field label={ct('case.category')}>{categoryLabel(c.category, lang)} · {priorityLabel(c.priority, lang)}</Field>
        <Field label={ct('case.location')} testId="case-location">{c.locationLabel}{c.estateName ? ` · ${c.estateName}` : ''}</Field>
        <Field label={ct('case.filedBy')}>{c.filedByLabel} · {formatDateTime(c.createdAt)}</Field>
        {c.respondDueAt && <Field label={ct('case.respondDue')}>{formatDateTime(c.respondDueAt)}</Field>}
        {c.resolveDueAt && <Field label={ct('case.resolveDue')}>{formatDateTime(c.resolveDueAt)}</Field>}
        <Field label={ct('case.description')} testId="case-description">
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>
        </Field>
        {photos.length > 0 && (
          <Field label={ct('case.photos')}>
            <PhotoGrid files={photos} testId="case-photos-view" />
          </Field>
        )}
        {evidence.length > 0 && (
          <Field label={ct('case.evidence')}>
            <PhotoGrid files={evidence} testId="case-evidence-view" />
          </Field>
        )}
      </Card>

      {c.departmentCalls.length > 0 && (
        <Card size="small" title={ct('case.departments')} style={{ marginBottom: 12 }} data-testid="case-departments">
          {c.departmentCalls.map((d) => (
            <div key={d.departmentId} style={{ marginBottom: 10 }}>
              <div style={{ fontWeight: 600, wordBreak: 'break-word' }}>{d.departmentName}</div>
              {d.reportedAt ? (
                <div style={{ fontSize: 13 }}>
                  <Tag color="green">{ct('case.reported')}</Tag>
                  {formatDateTime(d.reportedAt)}
                  {d.reportText && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{d.reportText}</div>}
                </div>
              ) : (
                <div style={{ fontSize: 13, color: d.overdue ? '#d92d20' : '#667085' }}>
                  {d.overdue ? `${ct('overdue')} · ` : ''}{ct('case.reportDue', { d: formatDateTime(d.reportDueAt) })}
                </div>
              )}
            </div>
          ))}
        </Card>
      )}

      <Card size="small" title={ct('case.timeline')}>
        <CaseTimeline events={c.timeline} words={timelineWords(ct, lang)} />
      </Card>
    </div>
  );
}
