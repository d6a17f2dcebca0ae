import type { EstateForBinding } from '@gongzhi/contracts';
import { Alert, App, Button, Form, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useT } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';
import { SmsCodeInput } from './sms-code-input.tsx';

interface Values {
  estateId: number;
  building: string;
  unit: string;
  name: string;
  idLast4: string;
  code: string;
}

/** Bind by matching the roster (name + last four of the ID number + unit); a person reviews it.
 *  A one-time code sent to the account's own phone proves the phone the reviewer will see. */
export function RosterMatchForm() {
  const t = useT();
  const { message } = App.useApp();
  const phoneMasked = useAuth().me?.phoneMasked ?? null;
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const estates = useApi<EstateForBinding[] | { items: EstateForBinding[] }>('/my/estates-for-binding');
  const list = Array.isArray(estates.data) ? estates.data : (estates.data?.items ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  // the server sends the code to the account's own phone; the body names only the purpose
  const sendCode = async () => {
    setError(null);
    try {
      await apiPost('/auth/otp/request', { purpose: 'binding' });
      message.success(t('login.codeSent'));
      return true;
    } catch (e) {
      setError(applyFieldErrors(form, e));
      return false;
    }
  };

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await apiPost('/bindings/roster-match', values);
      setDone(true);
    } catch (e) {
      // a wrong or expired code belongs next to the code box, not above the form
      if (e instanceof ApiError && e.code === 'BAD_CODE') form.setFields([{ name: 'code', errors: [e.message] }]);
      else setError(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Result
        status="info"
        title={t('bind.submitted')}
        extra={[
          <Button key="units" type="primary" onClick={() => navigate('/m/units')}>
            {t('bind.seeUnits')}
          </Button>,
          <Button key="again" onClick={() => { form.resetFields(); setDone(false); }}>
            {t('bind.again')}
          </Button>,
        ]}
      />
    );
  }
  const required = (what: string) => [{ required: true, message: t('login.required', { what }) }];
  return (
    // named: field ids get a prefix, so this form's "code" is not the invitation tab's "code"
    <Form form={form} name="roster-match" layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Paragraph type="secondary">{t('bind.rosterHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="estateId" label={t('bind.estate')} rules={required(t('bind.estate'))}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={estates.loading}
          options={list.map((e) => ({ value: e.id, label: `${e.name}（${e.district}${e.street}）` }))}
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12 }}>
        <Form.Item name="building" label={t('bind.building')} rules={required(t('bind.building'))} style={{ flex: 1 }}>
          <Input placeholder="1栋" />
        </Form.Item>
        <Form.Item name="unit" label={t('bind.unit')} rules={required(t('bind.unit'))} style={{ flex: 1 }}>
          <Input placeholder="1-101" />
        </Form.Item>
      </div>
      <Form.Item name="name" label={t('bind.name')} rules={required(t('bind.name'))}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="idLast4"
        label={t('bind.idLast4')}
        rules={[{ required: true, pattern: /^[0-9]{3}[0-9Xx]$/, message: t('bind.idLast4Invalid') }]}
      >
        <Input maxLength={4} inputMode="text" autoComplete="off" />
      </Form.Item>
      {phoneMasked === null && <Alert type="warning" showIcon title={t('bind.noPhone')} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="code"
        label={t('bind.smsCode')}
        extra={phoneMasked && t('bind.smsCodeHint', { phone: phoneMasked })}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('bind.smsCodeInvalid') }]}
      >
        <SmsCodeInput onSend={sendCode} disabled={phoneMasked === null} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}
