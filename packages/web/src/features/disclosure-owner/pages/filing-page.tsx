import { Alert, Card, Empty, Skeleton, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../../funds-owner/money.ts';
import { Field } from '../../meetings-owner/components/field.tsx';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { AskButton } from '../components/ask-button.tsx';
import { AttachmentList } from '../components/attachment-list.tsx';
import { FilingStateTag } from '../components/filing-state-tag.tsx';
import { MoneyLine } from '../components/money-line.tsx';
import { SubjectQuestions } from '../components/subject-questions.tsx';
import { useDT } from '../messages.ts';
import type { MyFilingDetail } from '../types.ts';
import { partyText } from './filings-page.tsx';

// One filed package as the owners see it: fee standards, the service contract, contractors, the
// statements it links, its files, and what the street office or district bureau said of it.

export function FilingPage() {
  const { dt, lang } = useDT();
  const id = Number(useParams().id);
  const { data: f, error, loading, reload } = useApi<MyFilingDetail>(`/my/filings/${id}`);
  if (loading && !f) return <Skeleton active />;
  if (!f) {
    return (
      <div>
        <PhoneHeader title={dt('f.title')} back="/m/filings" />
        <ErrorAlert error={error} onRetry={error?.status === 404 ? undefined : reload} />
      </div>
    );
  }
  const c = f.content;
  const title = dt('f.pageTitle', { period: f.periodLabel, party: partyText(f, dt, lang) });
  return (
    <div>
      <PhoneHeader title={<span data-testid="filing-title">{title}</span>} back="/m/filings" />
      {f.state === 'returned' && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="filing-returned" title={dt('f.returnedReason')} description={<span style={{ wordBreak: 'break-word' }}>{f.reviewNote}</span>} />
      )}
      {f.state === 'acknowledged' && f.reviewNote && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="filing-ack" title={dt('f.ackNote')} description={<span style={{ wordBreak: 'break-word' }}>{f.reviewNote}</span>} />
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap', marginBottom: 6 }}>
          <FilingStateTag state={f.state} />
          <Tag style={{ marginInlineEnd: 0 }}>{dt('f.version', { v: f.version })}</Tag>
          {f.late && <Tag color="orange" style={{ marginInlineEnd: 0 }}>{dt('f.late')}</Tag>}
        </div>
        <div style={{ fontSize: 13, color: '#667085', wordBreak: 'break-word' }}>
          {f.partyName ? `${f.partyName} · ` : ''}{f.estateName}{f.filedAt ? ` · ${dt('f.filedAt', { d: formatDate(f.filedAt) })}` : ''}
          {f.filedWith && <> · {dt('f.filedWith')}{f.filedWithName ?? dt(f.filedWith === 'street' ? 'f.street' : 'f.district')}</>}
        </div>
      </Card>

      <Card size="small" title={dt('f.feeStandards')} style={{ marginBottom: 12 }} data-testid="filing-fees">
        {c.feeStandards.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dt('f.none')} />
        ) : (
          c.feeStandards.map((s, i) => (
            <div key={i} style={{ padding: '4px 0', borderBottom: '1px solid #f2f4f7' }}>
              <MoneyLine label={s.item} value={`${formatFen(s.priceFen)}/${s.unit}`} />
              {s.basis && <div style={{ fontSize: 12, color: '#667085', wordBreak: 'break-word' }}>{dt('f.basis')}{dt('colon')}{s.basis}</div>}
            </div>
          ))
        )}
      </Card>

      {c.serviceContract && (
        <Card size="small" title={dt('f.contract')} style={{ marginBottom: 12 }} data-testid="filing-contract">
          <div style={{ fontWeight: 600, wordBreak: 'break-word' }}>{c.serviceContract.companyName}</div>
          <div style={{ fontSize: 13, color: '#667085' }}>{dt('f.contractPeriod', { a: c.serviceContract.startsOn, b: c.serviceContract.endsOn })}</div>
          {c.serviceContract.summary && <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginTop: 4 }}>{c.serviceContract.summary}</div>}
        </Card>
      )}

      {c.contractors.length > 0 && (
        <Card size="small" title={dt('f.contractors')} style={{ marginBottom: 12 }} data-testid="filing-contractors">
          {c.contractors.map((k, i) => (
            <div key={i} style={{ padding: '4px 0', borderBottom: '1px solid #f2f4f7' }}>
              <MoneyLine label={k.name} value={formatFen(k.amountFen)} />
              <div style={{ fontSize: 12, color: '#667085', wordBreak: 'break-word' }}>
                {k.service}
                {k.startsOn && k.endsOn ? ` · ${k.startsOn} ~ ${k.endsOn}` : ''}
              </div>
            </div>
          ))}
        </Card>
      )}

      {c.notes && (
        <Card size="small" title={dt('f.notes')} style={{ marginBottom: 12 }}>
          <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{c.notes}</div>
        </Card>
      )}

      {(f.revenueStatement || f.fundStatement) && (
        <Card size="small" title={dt('f.statements')} style={{ marginBottom: 12 }} data-testid="filing-statements">
          {f.revenueStatement && (
            <Field label={dt('f.revenueStatement')}>
              <Link to={`/m/revenue/${f.revenueStatement.id}`} data-testid="filing-revenue-link">
                {dt('r.period', { a: f.revenueStatement.periodStart, b: f.revenueStatement.periodEnd })}
              </Link>
              <MoneyLine label={dt('r.net')} value={formatFen(f.revenueStatement.netFen)} />
            </Field>
          )}
          {f.fundStatement && (
            <Field label={dt('f.fundStatement')}>
              <Link to="/m/fund/statements">{dt('r.period', { a: f.fundStatement.periodStart, b: f.fundStatement.periodEnd })}</Link>
              {f.fundStatement.closingFen !== null && <MoneyLine label={dt('r.closing')} value={formatFen(f.fundStatement.closingFen)} />}
            </Field>
          )}
        </Card>
      )}

      <AttachmentList title={dt('f.attachments')} items={f.attachments} />
      <AskButton subjectType="disclosure_filing" subjectId={f.id} title={title} back={`/m/filings/${f.id}`} />
      <SubjectQuestions subjectType="disclosure_filing" subjectId={f.id} />
    </div>
  );
}
