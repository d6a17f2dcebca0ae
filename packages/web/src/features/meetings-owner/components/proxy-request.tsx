import { Alert, App, Button, Card, Form, Input, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PROXY_STATUS_LABELS, type ProxyStatus } from '@gongzhi/contracts';
import { ApiError, apiPost } from '../../../app/api.ts';
import { useApi } from '../../../app/use-api.ts';
import { uploadForMeeting } from '../api.ts';
import { useMT } from '../messages.ts';
import type { MyProxyView } from '../types.ts';

// 委托他人投票: the owner names a holder by phone and uploads the signed authorisation; the
// convener approves it, after which the holder votes for this owner (and the owner cannot).

export function ProxyRequest({ meetingId, estateId }: { meetingId: number; estateId: number }) {
  const { mt, lang } = useMT();
  const { message } = App.useApp();
  const mine = useApi<{ granted: MyProxyView[] }>('/my/proxies');
  const granted = (mine.data?.granted ?? []).filter((p) => p.meetingId === meetingId && p.status !== 'revoked');
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ holderPhone: string }>();

  const submit = async ({ holderPhone }: { holderPhone: string }) => {
    if (!file) return setError(mt('proxy.needFile'));
    setBusy(true);
    setError(null);
    try {
      const letter = await uploadForMeeting({ file, meetingId, estateId });
      await apiPost(`/my/meetings/${meetingId}/proxies`, { holderPhone: holderPhone.trim(), attachmentId: letter.id });
      message.success(mt('proxy.sent'));
      setOpen(false);
      form.resetFields();
      setFile(null);
      mine.reload();
    } catch (e) {
      const err = e as ApiError;
      const field = err.issues?.find((i) => i.field.endsWith('holderPhone'));
      if (field) form.setFields([{ name: 'holderPhone', errors: [field.message] }]);
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={mt('proxy.title')} style={{ marginBottom: 12 }} data-testid="proxy-request">
      {granted.length > 0 && (
        <List
          size="small"
          dataSource={granted}
          renderItem={(p) => (
            <List.Item extra={<Tag data-testid="proxy-status">{lang === 'en' ? p.status : PROXY_STATUS_LABELS[p.status as ProxyStatus] ?? p.status}</Tag>}>
              {mt('proxy.holder', { name: p.holderName, phone: p.holderPhone })}
            </List.Item>
          )}
        />
      )}
      {!open ? (
        granted.every((p) => p.status === 'rejected') && (
          <Button block onClick={() => setOpen(true)}>
            {mt('proxy.open')}
          </Button>
        )
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Typography.Paragraph type="secondary">{mt('proxy.hint')}</Typography.Paragraph>
          <Form.Item name="holderPhone" label={mt('proxy.phone')} rules={[{ required: true, pattern: /^1\d{10}$/, message: mt('proxy.phoneInvalid') }]}>
            <Input inputMode="numeric" maxLength={11} />
          </Form.Item>
          <Form.Item label={mt('proxy.letter')} required>
            <input
              type="file"
              accept="image/png,image/jpeg,application/pdf"
              data-testid="proxy-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              style={{ maxWidth: '100%' }}
            />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {mt('proxy.submit')}
          </Button>
          <Button block type="text" onClick={() => setOpen(false)} style={{ marginTop: 4 }}>
            {mt('proxy.cancel')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
