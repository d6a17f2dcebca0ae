import { Typography } from 'antd';
import { useApi } from '../../../app/use-api.ts';
import { useDT } from '../messages.ts';
import type { MyQuestion, SubjectType } from '../types.ts';
import { QuestionCard } from './question-card.tsx';

/** the questions already asked on this item, under it (none: nothing shown) */
export function SubjectQuestions({ subjectType, subjectId }: { subjectType: SubjectType; subjectId: number }) {
  const { dt } = useDT();
  const { data } = useApi<{ items: MyQuestion[] }>('/my/questions', { subjectType, subjectId });
  const items = data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div data-testid="subject-questions">
      <Typography.Title level={5} style={{ margin: '8px 0' }}>{dt('q.onThis')}</Typography.Title>
      {items.map((q) => <QuestionCard key={q.id} q={q} showSubject={false} />)}
    </div>
  );
}
