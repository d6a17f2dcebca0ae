import { BellOutlined, DeleteOutlined, EditOutlined, PrinterOutlined, PushpinOutlined, RollbackOutlined, SendOutlined, SnippetsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, apiPost } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { applyNestedErrors } from '../../meetings/components/form-errors.ts';
import type { NoticeDetail } from '../types.ts';

type ModalKind = 'withdraw' | 'correct' | null;

/** The buttons of a notice: only the actions the server says this caller may take now. */
export function NoticeActions({ n, onChanged, onError }: { n: NoticeDetail; onChanged: () => void; onError: (m: string | null) => void }) {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [open, setOpen] = useState<ModalKind>(null);
  const can = (a: NoticeDetail['availableActions'][number]) => n.availableActions?.includes(a);

  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    onError(null);
    try {
      await fn();
    } catch (e) {
      onError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const publish = () =>
    modal.confirm({
      title: '发布公告',
      content: `发布给：${n.audienceLabel}${n.buildings?.length ? `（${n.buildings.map((b) => b.name).join('、')}）` : ''}。发布后内容不能修改，只能撤回或发布更正。`,
      okText: '发布',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'confirm-publish' } as never,
      onOk: () =>
        run('publish', async () => {
          const r = await apiPost<{ recipientCount: number }>(`/notices/${n.id}/publish`);
          message.success(`已发布，送达 ${r.recipientCount} 人`);
          onChanged();
        }),
    });

  const remove = () =>
    modal.confirm({
      title: '删除草稿',
      content: '草稿删除后不可恢复。',
      okText: '删除',
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' } as never,
      cancelText: '取消',
      onOk: () =>
        run('delete', async () => {
          await api('DELETE', `/notices/${n.id}`);
          message.success('草稿已删除');
          navigate('/notices');
        }),
    });

  const remind = () =>
    modal.confirm({
      title: '提醒未读',
      content: `向尚未阅读的 ${n.recipientCount - n.readCount} 人发送站内提醒。${n.lastRemindedAt ? `上次提醒：${formatDateTime(n.lastRemindedAt)}。` : ''}24 小时内只能提醒一次。`,
      okText: '发送提醒',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'confirm-remind' } as never,
      onOk: () =>
        run('remind', async () => {
          const r = await apiPost<{ reminded: number }>(`/notices/${n.id}/remind`);
          message.success(`已提醒 ${r.reminded} 人`);
          onChanged();
        }),
    });

  const pin = (pinned: boolean) =>
    run('pin', async () => {
      await apiPost(`/notices/${n.id}/pin`, { pinned });
      message.success(pinned ? '已置顶' : '已取消置顶');
      onChanged();
    });

  return (
    <>
      {can('publish') && <Button type="primary" icon={<SendOutlined />} loading={busy === 'publish'} onClick={publish} data-testid="notice-publish">发布</Button>}
      {can('edit') && <Button icon={<EditOutlined />} onClick={() => navigate(`/notices/${n.id}/edit`)} data-testid="notice-edit">修改</Button>}
      {can('delete') && <Button danger icon={<DeleteOutlined />} loading={busy === 'delete'} onClick={remove} data-testid="notice-delete">删除草稿</Button>}
      {can('remind') && <Button icon={<BellOutlined />} loading={busy === 'remind'} onClick={remind} data-testid="notice-remind">提醒未读</Button>}
      {can('pin') && <Button icon={<PushpinOutlined />} loading={busy === 'pin'} onClick={() => void pin(true)} data-testid="notice-pin">置顶</Button>}
      {can('unpin') && <Button icon={<PushpinOutlined />} loading={busy === 'pin'} onClick={() => void pin(false)} data-testid="notice-unpin">取消置顶</Button>}
      {can('correct') && <Button icon={<SnippetsOutlined />} onClick={() => setOpen('correct')} data-testid="notice-correct">发布更正</Button>}
      {can('withdraw') && <Button danger icon={<RollbackOutlined />} onClick={() => setOpen('withdraw')} data-testid="notice-withdraw">撤回</Button>}
      {n.state !== 'draft' && <Button icon={<PrinterOutlined />} onClick={() => navigate(`/notices/${n.id}/print`)} data-testid="notice-print">打印</Button>}
      <WithdrawModal open={open === 'withdraw'} n={n} onClose={() => setOpen(null)} onDone={() => { setOpen(null); message.success('已撤回'); onChanged(); }} />
      <CorrectModal
        open={open === 'correct'}
        n={n}
        onClose={() => setOpen(null)}
        onDone={(id) => { setOpen(null); message.success('更正已发布'); navigate(`/notices/${id}`); }}
      />
    </>
  );
}

function WithdrawModal(props: { open: boolean; n: NoticeDetail; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await apiPost(`/notices/${props.n.id}/withdraw`, { reason: v.reason.trim() });
      form.resetFields();
      props.onDone();
    } catch (e) {
      setError(applyNestedErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title="撤回公告"
      okText="撤回"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'withdraw-ok' } as never}
      onOk={() => void ok()}
      onCancel={() => { setError(null); props.onClose(); }}
      destroyOnHidden
    >
      <p style={{ color: '#667085' }}>撤回后公告仍保留在公告栏中，标注“已撤回”和撤回原因，业主仍可查阅。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="撤回原因" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CorrectModal(props: { open: boolean; n: NoticeDetail; onClose: () => void; onDone: (id: number) => void }) {
  const [form] = Form.useForm<{ title: string; body: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ok = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const created = await apiPost<NoticeDetail>(`/notices/${props.n.id}/correct`, { title: v.title.trim(), body: v.body.trim(), reason: v.reason.trim() });
      form.resetFields();
      props.onDone(created.id);
    } catch (e) {
      setError(applyNestedErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={props.open}
      title="发布更正"
      okText="发布更正"
      cancelText="取消"
      width={720}
      okButtonProps={{ loading: busy, 'data-testid': 'correct-ok' } as never}
      onOk={() => void ok()}
      onCancel={() => { setError(null); props.onClose(); }}
      destroyOnHidden
    >
      <p style={{ color: '#667085' }}>更正将作为一则新公告发布给原发布对象；原公告保留并标注“已更正”，链接到更正后的公告。</p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ title: `${props.n.title}（更正）`, body: props.n.body, reason: '' }}>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} data-testid="correct-title" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}>
          <Input.TextArea rows={8} maxLength={20000} data-testid="correct-body" />
        </Form.Item>
        <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="correct-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
