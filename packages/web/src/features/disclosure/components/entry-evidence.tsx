import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { AttachmentView } from '@gongzhi/contracts';
import { App, Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { useApi } from '../../../app/use-api.ts';
import { uploadAttachment } from '../../meetings/components/upload.ts';
import type { RevenueEntry } from '../types.ts';

/** An entry's evidence (凭证); more can be added until its period is stated (the server says so if not). */
export function EntryEvidence({ entry, canUpload }: { entry: RevenueEntry; canUpload: boolean }) {
  const { message } = App.useApp();
  const q = useApi<{ items: AttachmentView[] }>('/attachments', { recordType: 'revenue_entry', recordId: String(entry.id) });
  const [busy, setBusy] = useState(false);
  const files = q.data?.items ?? [];
  return (
    <Space wrap data-testid={`evidence-${entry.id}`}>
      <Typography.Text type="secondary">凭证：</Typography.Text>
      {q.loading && !q.data ? null : files.length === 0 ? <Typography.Text type="secondary">无</Typography.Text> : files.map((f) => (
        <a key={f.id} href={`/api/v1/attachments/${f.id}`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.filename}</a>
      ))}
      {canUpload && !entry.statementId && (
        <Upload
          accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            uploadAttachment(file, { recordType: 'revenue_entry', recordId: String(entry.id), estateId: entry.estateId })
              .then((a) => { message.success(`已上传：${a.filename}`); q.reload(); })
              .catch((e) => message.error(e instanceof ApiError ? e.message : String(e)))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy}>上传凭证</Button>
        </Upload>
      )}
    </Space>
  );
}
