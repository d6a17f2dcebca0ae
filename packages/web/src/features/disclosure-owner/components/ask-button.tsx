import { QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useDT } from '../messages.ts';
import type { SubjectType } from '../types.ts';

/** 提问 on any disclosed item: the ask form knows the subject and where to come back to. */
export function AskButton({ subjectType, subjectId, title, back }: { subjectType: SubjectType; subjectId: number; title: string; back: string }) {
  const { dt } = useDT();
  const navigate = useNavigate();
  const q = new URLSearchParams({ subjectType, subjectId: String(subjectId), title, back });
  return (
    <div style={{ margin: '4px 0 12px' }}>
      <Button block icon={<QuestionCircleOutlined />} data-testid="ask-button" onClick={() => navigate(`/m/questions/ask?${q.toString()}`)}>
        {dt('ask')}
      </Button>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4, textAlign: 'center' }}>
        {dt('askHint')}
      </Typography.Text>
    </div>
  );
}
