import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useApi } from '../../../app/use-api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { EXCLUSIONS } from '../labels.ts';
import { formatFen, parseYuan } from '../money.ts';
import type { FundApplicationDetail } from '../types.ts';

export type ModalAction = 'cancel' | 'refuse_emergency' | 'reject' | 'approve' | 'committee_confirm' | 'street_confirm' | 'accept' | 'settle' | 'put_to_vote';

const TITLES: Record<ModalAction, { title: string; ok: string; hint: string; danger?: boolean }> = {
  cancel: { title: '撤回申请', ok: '撤回', hint: '撤回后申请不再处理，原因记入申请记录。', danger: true },
  refuse_emergency: { title: '不属于应急情形', ok: '转一般程序', hint: '申请将转为一般程序，须经业主大会表决。请说明理由。', danger: true },
  reject: { title: '审核不通过', ok: '不予通过', hint: '请说明理由；如因属于不得列支的情形，请选择具体情形。申请人和业主都能看到理由。', danger: true },
  approve: { title: '审核通过', ok: '审核通过', hint: '审核通过后即可按分期计划拨付。' },
  committee_confirm: { title: '业委会确认应急维修', ok: '确认', hint: '确认已核对现场照片、检测报告或整改通知，属于本市应急情形清单所列情形。确认后报街道（社区）确认。' },
  street_confirm: { title: '街道（社区）确认应急维修', ok: '确认', hint: '确认后即报区住建部门审核，审核期限按工作日计算。' },
  accept: { title: '竣工验收', ok: '确认验收', hint: '业主委员会组织业主代表验收。请填写参加验收的业主代表姓名（至少一人）。' },
  settle: { title: '结算', ok: '结算', hint: '按实际费用重新分摊到各户，最后一期款项按实际分摊减去已拨付金额拨付；多拨的退回各户账户。' },
  put_to_vote: { title: '提交业主表决', ok: '加入会议', hint: '将在业主大会会议草稿中加入一项“使用建筑物及其附属设施的维修资金”（第5项）议题，表决范围限于列支范围内的业主。' },
};

interface Values {
  text?: string;
  exclusion?: string;
  reps?: string[];
  actualYuan?: string;
  meetingMode?: 'existing' | 'new';
  meetingId?: number;
  meetingTitle?: string;
  votingOpensAt?: dayjs.Dayjs;
  votingClosesAt?: dayjs.Dayjs;
}

/** One modal for every action that needs more than a click: reason, note, representatives, cost, meeting. */
export function ActionModal(props: {
  action: ModalAction | null;
  app: FundApplicationDetail;
  onSubmit: (action: ModalAction, body: Record<string, unknown>) => Promise<void>;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const a = props.action;
  const meta = a ? TITLES[a] : null;
  const mode = Form.useWatch('meetingMode', form);
  const drafts = useApi<{ items: { id: number; title: string }[] }>(a === 'put_to_vote' ? '/meetings' : null, { estateId: props.app.estateId, state: 'draft', pageSize: 50 });
  const reasonNeeded = a === 'cancel' || a === 'refuse_emergency' || a === 'reject';
  const noteOnly = a === 'approve' || a === 'committee_confirm' || a === 'street_confirm' || a === 'accept';

  const ok = async () => {
    if (!a) return;
    const v = await form.validateFields();
    let body: Record<string, unknown> = {};
    if (reasonNeeded) body = { reason: v.text!.trim(), ...(a === 'reject' && v.exclusion ? { exclusion: v.exclusion } : {}) };
    if (noteOnly) body = { note: v.text?.trim() ?? '' };
    if (a === 'accept') body = { ...body, ownerRepresentatives: (v.reps ?? []).map((s) => s.trim()).filter(Boolean) };
    if (a === 'settle') body = { actualCostFen: parseYuan(v.actualYuan) };
    if (a === 'put_to_vote') {
      body = v.meetingMode === 'existing'
        ? { meetingId: v.meetingId }
        : { newMeeting: { title: v.meetingTitle!.trim(), votingOpensAt: v.votingOpensAt!.toISOString(), votingClosesAt: v.votingClosesAt!.toISOString() } };
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(a, body);
      form.resetFields();
    } catch (e) {
      setError(applyNestedErrors(form, e, { reason: 'text', note: 'text', actualCostFen: 'actualYuan', ownerRepresentatives: 'reps', meetingId: 'meetingId' }));
    } finally {
      setBusy(false);
    }
  };

  const opens = dayjs().add(17, 'day').hour(9).minute(0).second(0).millisecond(0);
  return (
    <Modal
      open={a !== null}
      title={meta?.title}
      okText={meta?.ok}
      cancelText="取消"
      okButtonProps={{ danger: meta?.danger, loading: busy, 'data-testid': 'action-modal-ok' } as never}
      onOk={() => void ok()}
      onCancel={() => { setError(null); props.onClose(); }}
      destroyOnHidden
      width={560}
    >
      {meta && <p style={{ color: '#667085' }}>{meta.hint}</p>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-modal-error" />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          meetingMode: 'new', meetingTitle: `${props.app.estateName ?? ''}业主大会会议（${props.app.title}）`,
          votingOpensAt: opens, votingClosesAt: opens.add(14, 'day').hour(18), reps: [],
          actualYuan: undefined,
        }}
      >
        {a === 'settle' && (
          <Form.Item
            name="actualYuan"
            label={`实际费用（元），预算 ${formatFen(props.app.budgetFen)}`}
            rules={[{ required: true, message: '请填写实际费用' }, { validator: (_, v) => (!v || (parseYuan(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error('请输入大于 0 的金额，最多两位小数'))) }]}
          >
            <Input prefix="¥" suffix="元" inputMode="decimal" data-testid="actual-cost" />
          </Form.Item>
        )}
        {a === 'accept' && (
          <Form.Item name="reps" label="业主代表" rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一名业主代表' }]}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、', ' ']} placeholder="输入姓名后回车" data-testid="owner-reps" />
          </Form.Item>
        )}
        {a === 'reject' && (
          <Form.Item name="exclusion" label="不得列支的情形（如适用）">
            <Select allowClear options={EXCLUSIONS.map((e) => ({ value: e.key, label: e.label }))} placeholder="不涉及" data-testid="reject-exclusion" />
          </Form.Item>
        )}
        {(reasonNeeded || noteOnly) && (
          <Form.Item
            name="text"
            label={reasonNeeded ? '理由' : '意见（可选）'}
            rules={reasonNeeded ? [{ required: true, whitespace: true, message: '请填写理由' }] : []}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="action-text" />
          </Form.Item>
        )}
        {a === 'put_to_vote' && (
          <>
            <Form.Item name="meetingMode">
              <Radio.Group
                options={[
                  { value: 'new', label: '新建会议草稿' },
                  { value: 'existing', label: '加入已有会议草稿', disabled: !drafts.data?.items.length },
                ]}
                data-testid="meeting-mode"
              />
            </Form.Item>
            {mode === 'existing' ? (
              <Form.Item name="meetingId" label="会议" rules={[{ required: true, message: '请选择会议' }]}>
                <Select options={(drafts.data?.items ?? []).map((m) => ({ value: m.id, label: m.title }))} data-testid="meeting-pick" />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="meetingTitle" label="会议名称" rules={[{ required: true, whitespace: true, message: '请填写会议名称' }]}>
                  <Input maxLength={200} data-testid="meeting-title-input" />
                </Form.Item>
                <Form.Item name="votingOpensAt" label="投票开始" extra="须在会议公告发布之日起至少 15 日后" rules={[{ required: true, message: '请选择时间' }]}>
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
                </Form.Item>
                <Form.Item name="votingClosesAt" label="投票截止" rules={[{ required: true, message: '请选择时间' }]}>
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 240 }} />
                </Form.Item>
              </>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
