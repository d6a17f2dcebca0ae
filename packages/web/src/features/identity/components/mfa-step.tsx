import type { MeView } from '@gongzhi/contracts';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useT } from '../../../app/i18n.tsx';

/** The second factor after a password: a code sent by SMS. */
export function MfaStep(props: { onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await apiPost<MeView>('/auth/mfa/verify', values, { quiet401: true });
      props.onDone();
    } catch (e) {
      setError(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <Alert type="info" showIcon title={t('login.mfaHint')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="code" label={t('login.code')} rules={[{ required: true, message: t('login.required', { what: t('login.code') }) }]}>
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.mfaSubmit')}
      </Button>
      <Button type="link" block onClick={props.onCancel} style={{ marginTop: 8 }}>
        {t('back')}
      </Button>
    </Form>
  );
}
