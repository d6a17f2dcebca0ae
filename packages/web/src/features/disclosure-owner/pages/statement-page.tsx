import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiDownload, type ApiError } from '../../../app/api.ts';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDate } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { formatFen } from '../../funds-owner/money.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { AskButton, askPath } from '../components/ask-button.tsx';
import { MoneyLine } from '../components/money-line.tsx';
import { RevenueShareCard } from '../components/revenue-share-how.tsx';
import { SubjectQuestions } from '../components/subject-questions.tsx';
import { useDT } from '../messages.ts';
import type { MyRevenueStatementDetail } from '../types.ts';

type CategoryTotal = MyRevenueStatementDetail['byCategory'][number];
type RevenueEntry = MyRevenueStatementDetail['entries'][number];

// One published common-revenue statement: the period's totals, by category, every entry, MY
// share and how it is computed, and the PDF the committee printed.

function Categories({ items }: { items: CategoryTotal[] }) {
  const { dt } = useDT();
  // a phone has no room for rows of 0.00
  const shown = items.filter((c) => c.amountFen !== 0);
  if (shown.length === 0) return null;
  return (
    <Card size="small" title={dt('r.byCategory')} style={{ marginBottom: 12 }} data-testid="revenue-by-category">
      {(['income', 'expense'] as const).map((d) => {
        const rows = shown.filter((c) => c.direction === d);
        if (rows.length === 0) return null;
        return (
          <div key={d} style={{ marginBottom: 6 }}>
            <div style={{ fontWeight: 600 }}>{dt(d === 'income' ? 'r.income' : 'r.expense')}</div>
            {rows.map((c) => <MoneyLine key={c.category} label={c.label} value={formatFen(d === 'expense' ? -c.amountFen : c.amountFen)} />)}
          </div>
        );
      })}
    </Card>
  );
}

function Entries({ items, statementId }: { items: RevenueEntry[]; statementId: number }) {
  const { dt } = useDT();
  return (
    <Card size="small" title={dt('r.entries')} style={{ marginBottom: 12 }} data-testid="revenue-entries">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={dt('r.noEntries')} />
      ) : (
        items.map((e) => (
          <div key={e.id} style={{ padding: '6px 0', borderBottom: '1px solid #f2f4f7' }} data-testid="revenue-entry">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span style={{ minWidth: 0, wordBreak: 'break-word' }}>
                {e.categoryLabel}
                {e.reversesId ? <Tag style={{ marginLeft: 4 }}>{dt('r.reversal')}</Tag> : null}
              </span>
              <span style={{ whiteSpace: 'nowrap', fontWeight: 600, color: e.direction === 'income' ? '#067647' : '#b42318' }}>
                {formatFen(e.direction === 'income' ? e.amountFen : -e.amountFen, { signed: true })}
              </span>
            </div>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', gap: 8 }}>
              <div style={{ fontSize: 12, color: '#667085', wordBreak: 'break-word', minWidth: 0 }}>
                {e.counterparty} · {dt('r.bookedOn')} {e.bookedOn}
                {e.memo ? ` · ${e.memo}` : ''}
              </div>
              {/* each entry is a disclosed item of its own: a question may be about one payment */}
              <Link to={askPath({ subjectType: 'revenue_entry', subjectId: e.id, title: `${e.categoryLabel} · ${e.counterparty} · ${formatFen(e.amountFen)}`, back: `/m/revenue/${statementId}` })} style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="revenue-entry-ask">
                {dt('ask')}
              </Link>
            </div>
          </div>
        ))
      )}
    </Card>
  );
}

export function RevenueStatementPage() {
  const { dt } = useDT();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const { data: s, error, loading, reload } = useApi<MyRevenueStatementDetail>(`/my/revenue/statements/${id}`);
  const [downloading, setDownloading] = useState(false);

  if (loading && !s) return <Skeleton active />;
  if (!s) {
    return (
      <div>
        <PhoneHeader title={dt('r.title')} back="/m/revenue" />
        <ErrorAlert error={error} onRetry={error?.status === 404 ? undefined : reload} />
      </div>
    );
  }
  const title = `${s.periodLabel} ${dt('r.title')}`;
  const pdf = async () => {
    setDownloading(true);
    try {
      await apiDownload(`/revenue/statements/${s.id}.pdf`, `${title}.pdf`);
    } catch (e) {
      message.error((e as ApiError).message);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <div>
      <PhoneHeader title={<span data-testid="revenue-statement-title">{title}</span>} back="/m/revenue" />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="revenue-totals">
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 6 }}>
          {s.estateName} · {dt('r.period', { a: s.periodStart, b: s.periodEnd })} · {dt('r.publishedAt', { d: formatDate(s.publishedAt) })}
        </Typography.Text>
        <MoneyLine label={dt('r.opening')} value={formatFen(s.openingFen)} />
        <MoneyLine label={dt('r.income')} value={formatFen(s.incomeFen)} />
        <MoneyLine label={dt('r.expense')} value={formatFen(s.expenseFen === 0 ? 0 : -s.expenseFen)} />
        <MoneyLine label={dt('r.net')} value={formatFen(s.netFen)} strong testId="revenue-net" />
        <MoneyLine label={dt('r.closing')} value={formatFen(s.closingFen)} />
        {s.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0', fontSize: 13 }}>{s.note}</Typography.Paragraph>}
        <Button block icon={<DownloadOutlined />} loading={downloading} onClick={pdf} style={{ marginTop: 10 }} data-testid="revenue-pdf">
          {dt('r.pdf')}
        </Button>
      </Card>
      {s.myShares.length > 0 && <RevenueShareCard s={s} />}
      <Categories items={s.byCategory} />
      <Entries items={s.entries} statementId={s.id} />
      <AskButton subjectType="revenue_statement" subjectId={s.id} title={title} back={`/m/revenue/${s.id}`} />
      <SubjectQuestions subjectType="revenue_statement" subjectId={s.id} />
    </div>
  );
}
