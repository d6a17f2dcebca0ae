import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyNestedErrors } from './form-errors.ts';

/** Asks for the reason a rejection or cancellation must carry, and sends it. */
export function ReasonModal(props: {
  open: boolean;
  title: string;
  okText: string;
  hint?: string;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(reason.trim());
      form.resetFields();
    } catch (e) {
      setError(applyNestedErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void ok()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {props.hint && <p style={{ color: '#667085' }}>{props.hint}</p>}
      {error && <p style={{ color: '#d92d20' }}>{error}</p>}
      <Form form={form} layout="vertical" initialValues={{ reason: '' }}>
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
