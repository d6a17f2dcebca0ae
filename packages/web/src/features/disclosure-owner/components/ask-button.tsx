import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useDT } from '../messages.ts';
import type { SubjectType } from '../types.ts';

interface Subject {
  subjectType: SubjectType;
  subjectId: number;
  /** shown on the form (the server records its own title of the subject) */
  title: string;
  /** where the form's back arrow returns */
  back: string;
}

/** the ask form's address for a subject */
export function askPath({ subjectType, subjectId, title, back }: Subject): string {
  return `/m/questions/ask?${new URLSearchParams({ subjectType, subjectId: String(subjectId), title, back }).toString()}`;
}

/** 提问 on any disclosed item: the ask form knows the subject and where to come back to. */
export function AskButton(subject: Subject) {
  const { dt } = useDT();
  const navigate = useNavigate();
  return (
    <div style={{ margin: '4px 0 12px' }}>
      <Button block icon={<QuestionCircleOutlined />} data-testid="ask-button" onClick={() => navigate(askPath(subject))}>
        {dt('ask')}
      </Button>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4, textAlign: 'center' }}>
        {dt('askHint')}
      </Typography.Text>
    </div>
  );
}
