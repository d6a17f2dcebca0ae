import type { Role } from '@gongzhi/contracts';
import { Alert, Button, Drawer, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyAccountErrors } from './field-errors.ts';
import { GrantFields, grantOf } from './grant-fields.tsx';

interface Values {
  username?: string;
  phone?: string;
  displayName: string;
  password: string;
  role: Role;
  scopeId: number;
}

/** A new official's account with one role; more roles can be added from the list. */
export function CreateAccountDrawer(props: { open: boolean; onClose: (created: boolean) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await apiPost('/accounts', {
        username: v.username?.trim() || undefined,
        phone: v.phone?.trim() || undefined,
        displayName: v.displayName,
        password: v.password,
        grants: [grantOf(v)],
      });
      form.resetFields();
      props.onClose(true);
    } catch (e) {
      setError(applyAccountErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={props.open}
      title="新建账号"
      width={440}
      onClose={() => props.onClose(false)}
      // a stray click beside the form (e.g. while a dropdown is still opening) must not throw
      // away what was typed: close with the button or the cross only
      maskClosable={false}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={() => props.onClose(false)}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="create-account-submit">
            创建
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ username: '', phone: '' }}>
        <Form.Item name="username" label="用户名" extra="用户名和手机号至少填写一项，均可用于登录">
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item name="phone" label="手机号" rules={[{ pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号' }]}>
          <Input autoComplete="off" maxLength={11} />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, message: '请填写初始密码' }, { min: 8, message: '密码至少 8 位' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <GrantFields />
      </Form>
    </Drawer>
  );
}
