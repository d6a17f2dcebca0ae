import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, List, Modal, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useApi } from '../../../app/use-api.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import { uploadAttachment } from '../../meetings/components/upload.ts';
import type { CaseAssignee, CaseDetail, DepartmentView } from '../types.ts';

// One modal for every case action that asks for more than a click: the text of a response, note,
// resolution, verification or report; the person to assign; the departments the street calls in.

export type CaseAction = 'assign' | 'respond' | 'note' | 'resolve' | 'verify' | 'callDepartments' | 'report';

const META: Record<CaseAction, { title: string; ok: string; hint: string; path: string; field: string; textLabel?: string }> = {
  assign: { title: '指派经办人', ok: '指派', hint: '指派给本层级办理方的一名工作人员；指派即视为已响应。', path: 'assign', field: 'assigneeAccountId' },
  respond: { title: '响应', ok: '响应', hint: '首次响应后案件转为“处理中”，办结时限继续计算。业主可以看到响应内容。', path: 'respond', field: 'text', textLabel: '响应内容' },
  note: { title: '记录办理情况', ok: '记录', hint: '办理情况记入案件进程，业主可以看到。', path: 'notes', field: 'text', textLabel: '办理情况' },
  resolve: { title: '办结', ok: '办结', hint: '说明处理结果并上传现场照片作为凭证。办结后等待业主确认评价；业主未回应的，到期自动关闭。', path: 'resolve', field: 'text', textLabel: '办结说明' },
  verify: { title: '核实投诉', ok: '核实属实', hint: '确认对物业服务企业的投诉经核实属实。核实结果将计入物业服务企业的评价与信用记录，一经核实不可撤回。', path: 'verify', field: 'note', textLabel: '核实意见' },
  callDepartments: { title: '吹哨：召集职能部门', ok: '召集', hint: '选择须到场处置的职能部门，写明要求。各部门须在报到期限内报到并反馈处置情况。', path: 'call-departments', field: 'instruction', textLabel: '交办要求' },
  report: { title: '报到', ok: '报到', hint: '反馈本部门的处置情况；街道将据此办结案件。', path: 'report', field: 'text', textLabel: '报到内容' },
};

// the contracts' limits of each text
const MAX_TEXT: Record<CaseAction, number> = { assign: 0, respond: 2000, note: 2000, resolve: 2000, verify: 1000, callDepartments: 2000, report: 4000 };

interface Values {
  text?: string;
  assigneeAccountId?: number;
  departmentIds?: number[];
  reportDays?: number;
}

interface Evidence { id: number; filename: string }

export function CaseActionModal(props: { action: CaseAction | null; detail: CaseDetail; onDone: (action: CaseAction) => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const a = props.action;
  const c = props.detail;
  const meta = a ? META[a] : null;
  const assignees = useApi<{ items: CaseAssignee[] }>(a === 'assign' ? '/cases/assignees' : null, { caseId: c.id });
  // the departments the estate's street may call in (its own, its district's, its city's)
  const departments = useApi<{ items: DepartmentView[] }>(a === 'callDepartments' ? '/departments' : null, { estateId: c.estateId });

  const close = () => {
    setError(null);
    setEvidence([]);
    props.onClose();
  };

  const ok = async () => {
    if (!a || !meta) return;
    const v = await form.validateFields();
    let body: Record<string, unknown>;
    if (a === 'assign') body = { assigneeAccountId: v.assigneeAccountId };
    else if (a === 'callDepartments') body = { departmentIds: v.departmentIds, instruction: v.text!.trim(), ...(v.reportDays ? { reportDays: v.reportDays } : {}) };
    else if (a === 'resolve') body = { text: v.text!.trim(), attachmentIds: evidence.map((e) => e.id) };
    else body = { [meta.field]: v.text!.trim() };
    setBusy(true);
    setError(null);
    try {
      await apiPost(`/cases/${c.id}/${meta.path}`, body);
      form.resetFields();
      setEvidence([]);
      props.onDone(a);
    } catch (e) {
      setError(applyNestedErrors(form, e, { [meta.field]: a === 'assign' ? 'assigneeAccountId' : 'text', instruction: 'text', note: 'text' }));
    } finally {
      setBusy(false);
    }
  };

  const upload = (file: File) => {
    setUploading(true);
    setError(null);
    uploadAttachment(file, { recordType: 'case_evidence', recordId: String(c.id), estateId: c.estateId })
      .then((att) => setEvidence((list) => [...list, { id: att.id, filename: att.filename }]))
      // the server names the file and why (not an image, over 5 MB, more than 9)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setUploading(false));
    return false;
  };

  return (
    <Modal
      open={a !== null}
      title={meta?.title}
      okText={meta?.ok}
      cancelText="取消"
      okButtonProps={{ loading: busy, disabled: uploading, 'data-testid': 'case-modal-ok' } as never}
      onOk={() => void ok()}
      onCancel={close}
      destroyOnHidden
      width={580}
    >
      {meta && <p style={{ color: '#667085' }}>{meta.hint}</p>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="case-modal-error" />}
      <Form form={form} layout="vertical" preserve={false}>
        {a === 'assign' && (
          <Form.Item name="assigneeAccountId" label="经办人" rules={[{ required: true, message: '请选择经办人' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={assignees.loading}
              placeholder="选择工作人员"
              options={(assignees.data?.items ?? []).map((p) => ({ value: p.accountId, label: p.roleLabel ? `${p.name}（${p.roleLabel}）` : p.name }))}
              notFoundContent={assignees.error ? assignees.error.message : '没有可指派的人员'}
              data-testid="case-assignee"
            />
          </Form.Item>
        )}
        {a === 'callDepartments' && (
          <>
            <Form.Item name="departmentIds" label="职能部门" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个部门' }]}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.loading}
                placeholder="选择部门（可多选）"
                options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.kindLabel}）` }))}
                notFoundContent={departments.error ? departments.error.message : '辖区内没有可召集的部门'}
                data-testid="case-departments"
              />
            </Form.Item>
            <Form.Item name="reportDays" label="报到期限（工作日）" extra="不填则为 3 个工作日">
              <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} data-testid="case-report-days" />
            </Form.Item>
          </>
        )}
        {meta?.textLabel && (
          <Form.Item name="text" label={meta.textLabel} rules={[{ required: true, whitespace: true, message: `请填写${meta.textLabel}` }]}>
            <Input.TextArea rows={4} maxLength={MAX_TEXT[a!]} showCount data-testid="case-modal-text" />
          </Form.Item>
        )}
      </Form>
      {a === 'resolve' && (
        <div data-testid="case-evidence">
          <Space style={{ marginBottom: 8 }}>
            <Upload accept="image/jpeg,image/png,image/webp" multiple showUploadList={false} beforeUpload={upload} disabled={evidence.length >= 9}>
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="case-evidence-upload">上传凭证照片</Button>
            </Upload>
            <Typography.Text type="secondary">JPG/PNG/WebP，每张不超过 5 MB，最多 9 张</Typography.Text>
          </Space>
          {evidence.length > 0 && (
            <List
              size="small"
              dataSource={evidence}
              renderItem={(e) => (
                <List.Item actions={[<a key="rm" onClick={() => setEvidence((l) => l.filter((x) => x.id !== e.id))}>移除</a>]}>{e.filename}</List.Item>
              )}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
