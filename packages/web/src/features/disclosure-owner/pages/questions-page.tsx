import { Button, Card, Empty, Skeleton, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { useApi } from '../../../app/use-api.ts';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { QuestionCard } from '../components/question-card.tsx';
import { SectionNav } from '../components/section-nav.tsx';
import { useDT } from '../messages.ts';
import type { MyQuestionPage } from '../types.ts';

// 质询: the questions and answers of my estates (every owner of the estate sees them; askers
// appear as "3栋业主", my own are marked), with a switch to show only mine. Asking starts from the
// item asked about (its 提问 button), so the question always names what it is about.

const PAGE_SIZE = 30;

export function QuestionsPage() {
  const { dt } = useDT();
  const canSee = useCan('my.units');
  const [params, setParams] = useSearchParams();
  const mine = params.get('mine') === '1';
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const { data, error, loading, reload } = useApi<MyQuestionPage>(canSee ? '/my/questions' : null, {
    mine: mine ? 1 : undefined,
    page: 1,
    pageSize,
  });
  const items = data?.items ?? [];
  return (
    <div>
      <SectionNav current="questions" />
      <PhoneHeader
        title={dt('q.title')}
        extra={
          <label style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 13, whiteSpace: 'nowrap', paddingTop: 4 }}>
            <Switch size="small" checked={mine} onChange={(v) => setParams(v ? { mine: '1' } : {}, { replace: true })} data-testid="questions-mine" />
            {dt('q.onlyMine')}
          </label>
        }
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{dt('q.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card><Empty description={dt('q.empty')} /></Card>
      ) : (
        <>
          {items.map((q) => <QuestionCard key={q.id} q={q} />)}
          {data && data.total > items.length && (
            <Button block loading={loading} onClick={() => setPageSize(pageSize + PAGE_SIZE)}>{dt('n.more')}</Button>
          )}
        </>
      )}
    </div>
  );
}
