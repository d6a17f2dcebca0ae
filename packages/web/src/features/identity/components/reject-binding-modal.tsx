import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyFieldErrors } from '../../../app/form-errors.ts';
import { useT } from '../../../app/i18n.tsx';

/** Asks for the reason the owner will see, then rejects. */
export function RejectBindingModal(props: { bindingId: number | null; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await apiPost(`/bindings/${props.bindingId}/reject`, values);
      form.resetFields();
      props.onClose(true);
    } catch (e) {
      setError(applyFieldErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.bindingId !== null}
      title={t('bindings.reject')}
      okText={t('bindings.reject')}
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void ok()}
      onCancel={() => props.onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={t('bindings.rejectNote')}
          rules={[{ required: true, message: t('login.required', { what: t('bindings.rejectNote') }) }]}
          help={error ?? undefined}
          validateStatus={error ? 'error' : undefined}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
