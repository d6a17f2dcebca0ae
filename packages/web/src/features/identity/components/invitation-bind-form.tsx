import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiPost } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useT } from '../../../app/i18n.tsx';

/** Bind with the code the committee or the property company gave the owner: bound at once. */
export function InvitationBindForm() {
  const t = useT();
  const navigate = useNavigate();
  const { reload } = useAuth();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await apiPost('/bindings/invitation', { code });
      // the first binding gives the account its owner role: fetch the new permissions
      await reload();
      setDone(true);
    } catch (e) {
      setError(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Result
        status="success"
        title={t('bind.success')}
        subTitle={t('bind.successSub')}
        extra={
          <Button type="primary" onClick={() => navigate('/m/units')}>
            {t('bind.seeUnits')}
          </Button>
        }
      />
    );
  }
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <Typography.Paragraph type="secondary">{t('bind.inviteHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="code" label={t('bind.code')} rules={[{ required: true, message: t('login.required', { what: t('bind.code') }) }]}>
        <Input
          maxLength={12}
          autoCapitalize="characters"
          autoComplete="off"
          style={{ letterSpacing: 2, textTransform: 'uppercase' }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}
