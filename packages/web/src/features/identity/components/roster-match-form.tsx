import type { EstateForBinding } from '@gongzhi/contracts';
import { Alert, Button, Form, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiPost } from '../../../app/api.ts';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useT } from '../../../app/i18n.tsx';
import { useApi } from '../../../app/use-api.ts';

interface Values {
  estateId: number;
  building: string;
  unit: string;
  name: string;
  idLast4: string;
}

/** Bind by matching the roster (name + last four of the ID number + unit); a person reviews it. */
export function RosterMatchForm() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const estates = useApi<EstateForBinding[] | { items: EstateForBinding[] }>('/my/estates-for-binding');
  const list = Array.isArray(estates.data) ? estates.data : (estates.data?.items ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await apiPost('/bindings/roster-match', values);
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
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
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
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('submit')}
      </Button>
    </Form>
  );
}
