import { PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useCan } from '../../../app/auth.tsx';
import { ErrorAlert } from '../../../app/components/error-alert.tsx';
import { formatDateTime } from '../../../app/format.ts';
import { useApi } from '../../../app/use-api.ts';
import { PROXY_STATUS } from '../labels.ts';
import type { MeetingView, ProxyView } from '../types.ts';
import { AttachmentField } from './attachment-field.tsx';
import { applyNestedErrors } from './form-errors.ts';
import { ReasonModal } from './reason-modal.tsx';
import { RosterUnitSelect } from './roster-unit-select.tsx';

const OPEN: MeetingView['state'][] = ['notice_published', 'voting_open'];

/** 委托投票: proxies asked for by owners or registered here, approved by the convener. */
export function ProxiesTab({ meeting: m }: { meeting: MeetingView }) {
  const { message } = App.useApp();
  const canConvene = useCan('meeting.convene');
  const [status, setStatus] = useState<string>();
  const [registering, setRegistering] = useState(false);
  const [rejecting, setRejecting] = useState<ProxyView | null>(null);
  const list = useApi<{ items: ProxyView[] }>(`/meetings/${m.id}/proxies`, { status });
  const open = OPEN.includes(m.state);

  const approve = async (p: ProxyView) => {
    try {
      await apiPost(`/meetings/${m.id}/proxies/${p.id}/approve`);
      message.success('委托已通过，代理人可以为该业主投票');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
    list.reload();
  };

  return (
    <div data-testid="proxies-tab">
      <div style={{ display: 'flex', gap: 8, marginBottom: 16, flexWrap: 'wrap' }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(PROXY_STATUS).map(([value, s]) => ({ value, label: s.label }))}
        />
        {canConvene && open && (
          <Button type="primary" icon={<PlusOutlined />} style={{ marginLeft: 'auto' }} onClick={() => setRegistering(true)} data-testid="register-proxy">
            登记委托
          </Button>
        )}
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<ProxyView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: '暂无委托' }}
        columns={[
          { title: '房屋', dataIndex: 'units', render: (u: string[]) => u.join('、') },
          { title: '委托业主', dataIndex: 'ownerName', width: 110 },
          { title: '代理人', width: 160, render: (_, p) => <>{p.holderName}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{p.holderPhone}</Typography.Text></> },
          {
            title: '书面委托书', dataIndex: 'attachmentId', width: 110,
            render: (a: number | null) => (a ? <Typography.Link href={`/api/v1/attachments/${a}`} target="_blank"><PaperClipOutlined /> 查看</Typography.Link> : <Tag color="red">无</Tag>),
          },
          { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: '状态', dataIndex: 'status', width: 150,
            render: (s: string, p) => (
              <>
                <Tag color={PROXY_STATUS[s]?.color}>{PROXY_STATUS[s]?.label ?? s}</Tag>
                {p.reviewNote && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{p.reviewNote}</Typography.Text>}
              </>
            ),
          },
          {
            title: '操作', width: 140, fixed: 'right',
            render: (_, p) => canConvene && p.status === 'pending' && open && (
              <Space>
                <Popconfirm title="通过委托？" description="请先核对书面委托书与业主身份" okText="通过" cancelText="取消" onConfirm={() => approve(p)}>
                  <Typography.Link data-testid={`approve-proxy-${p.id}`}>通过</Typography.Link>
                </Popconfirm>
                <Typography.Link type="danger" onClick={() => setRejecting(p)}>驳回</Typography.Link>
              </Space>
            ),
          },
        ]}
      />
      <RegisterProxyModal meeting={m} open={registering} onClose={(done) => { setRegistering(false); if (done) list.reload(); }} />
      <ReasonModal
        open={rejecting !== null}
        title="驳回委托"
        okText="驳回"
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await apiPost(`/meetings/${m.id}/proxies/${rejecting!.id}/reject`, { reason });
          message.success('已驳回');
          setRejecting(null);
          list.reload();
        }}
      />
    </div>
  );
}

interface ProxyValues { unitId?: number; holderPhone: string; holderName?: string; attachmentId?: number }

function RegisterProxyModal({ meeting: m, open, onClose }: { meeting: MeetingView; open: boolean; onClose: (done: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProxyValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await apiPost(`/meetings/${m.id}/proxies`, {
        unitId: v.unitId, holderPhone: v.holderPhone.trim(), holderName: v.holderName?.trim() || undefined, attachmentId: v.attachmentId,
      });
      message.success('委托已登记，待审核通过后生效');
      form.resetFields();
      onClose(true);
    } catch (e) {
      setError(applyNestedErrors(form, e, { voterKey: 'unitId' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="登记书面委托" okText="登记" cancelText="取消" confirmLoading={busy} onOk={() => void save()} onCancel={() => onClose(false)} destroyOnHidden width={560}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="业主以书面形式委托他人投票的，请上传委托书扫描件。代理人须已注册平台账号（按手机号查找）。" />
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      <Form form={form} layout="vertical" initialValues={{ unitId: undefined, holderPhone: '', holderName: '', attachmentId: undefined }}>
        <Form.Item name="unitId" label="委托业主的房屋" rules={[{ required: true, message: '请选择房屋' }]}>
          <RosterUnitSelect meetingId={m.id} testId="proxy-unit" />
        </Form.Item>
        <Form.Item name="holderPhone" label="代理人手机号" rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: '请输入 11 位手机号' }]}>
          <Input maxLength={11} />
        </Form.Item>
        <Form.Item name="holderName" label="代理人姓名（按委托书填写）">
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="attachmentId" label="书面委托书" rules={[{ required: true, message: '请上传书面委托书' }]}>
          <AttachmentField record={{ recordType: 'meeting_proxy', recordId: String(m.id), estateId: m.estateId }} testId="proxy-attachment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
