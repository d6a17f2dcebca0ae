import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { formatFen } from '../../funds/money.ts';
import type { RevenueEntry } from '../types.ts';

/**
 * 冲正: the ledger is append-only, so a wrong entry is undone by a reversing entry with a reason
 * (booked today unless another day is chosen; a closed period refuses the day, said on the field).
 */
export function ReverseModal(props: { entry: RevenueEntry | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string; bookedOn: Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const e = props.entry;
  const ok = async () => {
    if (!e) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await apiPost(`/revenue/entries/${e.id}/reverse`, { reason: v.reason.trim(), bookedOn: v.bookedOn.format('YYYY-MM-DD') });
      form.resetFields();
      props.onDone();
    } catch (err) {
      setError(applyNestedErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={e !== null}
      title="冲正这笔收支"
      okText="冲正"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'reverse-ok' } as never}
      onOk={() => void ok()}
      onCancel={() => { setError(null); props.onClose(); }}
      destroyOnHidden
    >
      {e && <p style={{ color: '#667085' }}>账目只增不改：将登记一笔金额相同、方向相反的冲正分录（{e.bookedOn} {e.counterparty} {formatFen(e.amountFen)}），原分录保留。</p>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ bookedOn: dayjs() }}>
        <Form.Item name="reason" label="冲正原因" rules={[{ required: true, whitespace: true, message: '请填写冲正原因' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="reverse-reason" />
        </Form.Item>
        <Form.Item name="bookedOn" label="记账日期" rules={[{ required: true, message: '请选择记账日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
