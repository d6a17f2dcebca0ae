import type { AccountView, Role } from '@gongzhi/contracts';
import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyAccountErrors } from './field-errors.ts';
import { GrantFields, grantOf } from './grant-fields.tsx';

/** Grants one more role to an account. */
export function AddGrantModal(props: { account: AccountView | null; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm<{ role: Role; scopeId: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await apiPost(`/accounts/${props.account!.id}/grants`, grantOf(v));
      form.resetFields();
      props.onClose(true);
    } catch (e) {
      setError(applyAccountErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.account !== null}
      title={`添加角色 · ${props.account?.displayName ?? ''}`}
      okText="添加"
      okButtonProps={{ loading: busy }}
      onOk={() => void ok()}
      onCancel={() => props.onClose(false)}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical">
        <GrantFields />
      </Form>
    </Modal>
  );
}
