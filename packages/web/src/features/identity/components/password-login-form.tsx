import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginResponse } from '@gongzhi/contracts';
import { Button, Form, Input, type FormInstance } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useT } from '../../../app/i18n.tsx';

export interface PasswordValues {
  login: string;
  password: string;
}

/** Username-or-phone and password; hands the server's answer (me, or "second factor needed") up. */
export function PasswordLoginForm(props: {
  form: FormInstance<PasswordValues>;
  onAnswer: (answer: LoginResponse) => void;
  onError: (message: string | null) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const submit = async (values: PasswordValues) => {
    setBusy(true);
    props.onError(null);
    try {
      props.onAnswer(await apiPost<LoginResponse>('/auth/login', values, { quiet401: true }));
    } catch (e) {
      props.onError(applyFieldErrors(props.form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={props.form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
      <Form.Item name="login" label={t('login.account')} rules={[{ required: true, message: t('login.required', { what: t('login.account') }) }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required', { what: t('login.password') }) }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
