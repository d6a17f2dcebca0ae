import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';

export type ReviewAction = 'acknowledge' | 'return';

/** 确认备案 (with an optional note) or 退回 (with the reasons, which the party and the owners read). */
export function ReviewModal(props: { filingId: number; action: ReviewAction | null; onClose: () => void; onDone: (a: ReviewAction) => void }) {
  const [form] = Form.useForm<{ text?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = props.action;
  const ok = async () => {
    if (!a) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await apiPost(`/filings/${props.filingId}/${a}`, a === 'return' ? { reason: v.text?.trim() ?? '' } : { note: v.text?.trim() ?? '' });
      form.resetFields();
      props.onDone(a);
    } catch (e) {
      setError(applyNestedErrors(form, e, { reason: 'text', note: 'text' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={a !== null}
      title={a === 'return' ? '退回公示备案' : '确认备案'}
      okText={a === 'return' ? '退回' : '确认备案'}
      cancelText="取消"
      okButtonProps={{ danger: a === 'return', loading: busy, 'data-testid': 'review-ok' } as never}
      onOk={() => void ok()}
      onCancel={() => { setError(null); props.onClose(); }}
      destroyOnHidden
    >
      <p style={{ color: '#667085' }}>
        {a === 'return' ? '请写明需要补正的内容。报送单位将收到通知，补正后以新版本重新报送。' : '确认已收到并审阅该期公示材料。'}
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="text" label={a === 'return' ? '退回理由' : '备注（可选）'} rules={a === 'return' ? [{ required: true, whitespace: true, message: '请填写退回理由' }] : []}>
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="review-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
