import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiPost } from '../../../app/api.ts';
import type { MeetingView } from '../types.ts';
import { AttachmentField } from './attachment-field.tsx';
import { applyNestedErrors } from './form-errors.ts';
import { RosterUnitSelect } from './roster-unit-select.tsx';

interface PaperValues {
  unitId?: number;
  attachmentId?: number;
  receivedAt?: Dayjs;
  note?: string;
  /** by item id: a matter's choice, or for an election the approved candidate ids / 'spoiled' */
  votes: Record<string, { choice?: string; approvals?: number[]; spoiled?: boolean }>;
}

/** 录入纸质票: one sheet (all items) of one owner, with its scan; it counts only after a second person confirms. */
export function PaperEntryModal({ meeting: m, open, onClose }: { meeting: MeetingView; open: boolean; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PaperValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const votes = m.items.map((i) => {
        const x = v.votes?.[String(i.id)] ?? {};
        if (i.kind === 'election') return x.spoiled ? { itemId: i.id, choice: 'spoiled' } : { itemId: i.id, approvals: x.approvals ?? [] };
        return { itemId: i.id, choice: x.choice };
      });
      await apiPost(`/meetings/${m.id}/paper-ballots`, {
        unitId: v.unitId, attachmentId: v.attachmentId, votes,
        receivedAt: v.receivedAt?.toISOString(), note: v.note?.trim() || undefined,
      });
      message.success('纸质票已录入，等待另一位工作人员复核');
      form.resetFields();
      onClose(true);
    } catch (e) {
      setError(applyNestedErrors(form, e, { voterKey: 'unitId' }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="录入纸质票" okText="录入" cancelText="取消" confirmLoading={busy} onOk={() => void save()} onCancel={() => onClose(false)} destroyOnHidden width={720}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="录入后须由另一位工作人员（不能是录入人本人）对照扫描件复核确认，确认后才计入表决。"
      />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="paper-error" />}
      <Form form={form} layout="vertical" initialValues={{ unitId: undefined, attachmentId: undefined, note: '', votes: {} }}>
        <Form.Item name="unitId" label="投票业主的房屋" rules={[{ required: true, message: '请选择房屋' }]}>
          <RosterUnitSelect meetingId={m.id} testId="paper-unit" />
        </Form.Item>
        {m.items.map((i, n) => (
          <Form.Item key={i.id} label={`议题 ${n + 1}：${i.title}`} required style={{ marginBottom: 12 }}>
            {i.kind === 'election' ? (
              <>
                <Form.Item name={['votes', String(i.id), 'approvals']} noStyle>
                  <Checkbox.Group options={i.candidates.map((c) => ({ value: c.id, label: c.name }))} />
                </Form.Item>
                <Form.Item name={['votes', String(i.id), 'spoiled']} valuePropName="checked" noStyle>
                  <Checkbox style={{ marginLeft: 16 }}><Typography.Text type="danger">废票</Typography.Text></Checkbox>
                </Form.Item>
                <div style={{ color: '#667085', fontSize: 12 }}>最多同意 {i.seats} 人；选票勾选超过名额或无法辨认的，勾选“废票”</div>
              </>
            ) : (
              <Form.Item name={['votes', String(i.id), 'choice']} noStyle rules={[{ required: true, message: '请选择表决意见' }]}>
                <Radio.Group
                  data-testid={`paper-choice-${n}`}
                  options={[
                    { value: 'yes', label: '同意' }, { value: 'no', label: '反对' }, { value: 'abstain', label: '弃权' },
                    { value: 'spoiled', label: '废票' },
                  ]}
                />
              </Form.Item>
            )}
          </Form.Item>
        ))}
        <Form.Item name="attachmentId" label="纸质票扫描件" rules={[{ required: true, message: '请上传纸质票扫描件' }]}>
          <AttachmentField record={{ recordType: 'meeting_paper', recordId: String(m.id), estateId: m.estateId }} testId="paper-attachment" />
        </Form.Item>
        <Form.Item name="receivedAt" label="收到时间" extra="默认为录入时间；须在投票期间内">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
