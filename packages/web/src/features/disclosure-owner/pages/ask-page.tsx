import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { apiPost } from '../../../app/api.ts';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { Field } from '../../meetings-owner/components/field.tsx';
import { PhoneHeader } from '../../meetings-owner/components/phone-header.tsx';
import { useDT, type DisclosureMessageKey } from '../messages.ts';
import type { MyQuestion, SubjectType } from '../types.ts';

// The ask form, reached from a disclosed item's 提问 button with ?subjectType=&subjectId=&title=&back=.
// The server decides who must answer and by when; its field errors (Chinese) land on the field,
// anything else (e.g. an item this owner cannot see) shows above the form.

const SUBJECTS: SubjectType[] = ['notice', 'revenue_statement', 'revenue_entry', 'disclosure_filing', 'fund_statement', 'fund_application', 'meeting'];

export function AskPage() {
  const { dt } = useDT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ body: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const subjectType = params.get('subjectType') as SubjectType | null;
  const subjectId = Number(params.get('subjectId'));
  const title = params.get('title') ?? '';
  const back = params.get('back') ?? '/m/questions';
  const valid = subjectType !== null && SUBJECTS.includes(subjectType) && Number.isInteger(subjectId) && subjectId > 0;

  const submit = async ({ body }: { body: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await apiPost<MyQuestion>('/my/questions', { subjectType, subjectId, body });
      message.success(dt('q.submitted'));
      navigate('/m/questions?mine=1');
    } catch (e) {
      setProblem(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PhoneHeader title={dt('q.askTitle')} back={back} />
      {!valid ? (
        <Alert type="info" showIcon title={dt('q.noSubject')} />
      ) : (
        <Card size="small">
          <Field label={dt('q.subject')} testId="ask-subject">
            {dt(`q.subject.${subjectType}` as DisclosureMessageKey)}
            {title ? ` · ${title}` : ''}
          </Field>
          {problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problem} data-testid="ask-error" />}
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            requiredMark={false}
            initialValues={{ body: '' }}
            // the server's reason stays on the field only until the owner changes it
            onValuesChange={() => form.setFields([{ name: 'body', errors: [] }])}
          >
            {/* no rule here: the server checks the question and its reason (Chinese) lands on the field */}
            <Form.Item name="body" label={dt('q.body')}>
              <Input.TextArea rows={6} maxLength={2000} showCount placeholder={dt('q.bodyPlaceholder')} data-testid="ask-body" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="ask-submit">
              {dt('q.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
