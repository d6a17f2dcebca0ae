import { MobileOutlined } from '@ant-design/icons';
import type { LoginResponse } from '@gongzhi/contracts';
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useT } from '../../../app/i18n.tsx';
import { SmsCodeInput } from './sms-code-input.tsx';

interface Values {
  phone: string;
  code: string;
}

/** Phone + one-time code (owners mostly sign in this way). */
export function SmsLoginForm(props: { onAnswer: (a: LoginResponse) => void; onError: (m: string | null) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const sendCode = async () => {
    props.onError(null);
    try {
      const { phone } = await form.validateFields(['phone']);
      await apiPost('/auth/otp/request', { phone, purpose: 'login' }, { quiet401: true });
      message.success(t('login.codeSent'));
      return true;
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return false; // the form shows it
      props.onError(applyFieldErrors(form, e));
      return false;
    }
  };
  const submit = async (values: Values) => {
    setBusy(true);
    props.onError(null);
    try {
      props.onAnswer(await apiPost<LoginResponse>('/auth/otp/login', values, { quiet401: true }));
    } catch (e) {
      props.onError(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <Form.Item
        name="phone"
        label={t('login.phone')}
        rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('login.phoneInvalid') }]}
      >
        <Input prefix={<MobileOutlined />} inputMode="tel" autoComplete="tel" maxLength={11} />
      </Form.Item>
      <Form.Item name="code" label={t('login.code')} rules={[{ required: true, message: t('login.required', { what: t('login.code') }) }]}>
        <SmsCodeInput onSend={sendCode} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
