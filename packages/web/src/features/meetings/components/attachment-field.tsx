import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { uploadAttachment } from './upload.ts';

/** A form control holding an attachment id: picks a scan (PNG, JPEG or PDF) and uploads it at once. */
export function AttachmentField(props: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  record: { recordType: string; recordId: string; estateId: number };
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState<string>();
  const [error, setError] = useState<string>();
  return (
    <div>
      <Space wrap>
        <Upload
          accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            setError(undefined);
            uploadAttachment(file, props.record)
              .then((a) => {
                setName(a.filename);
                props.onChange?.(a.id);
              })
              .catch((e) => setError(e instanceof ApiError ? e.message : String(e)))
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid={props.testId}>{props.value ? '重新上传' : '上传扫描件'}</Button>
        </Upload>
        {props.value && (
          <Typography.Link href={`/api/v1/attachments/${props.value}`} target="_blank">
            <PaperClipOutlined /> {name ?? `附件 #${props.value}`}
          </Typography.Link>
        )}
      </Space>
      {error && <div style={{ color: '#d92d20', marginTop: 4 }}>{error}</div>}
      <div style={{ color: '#667085', fontSize: 12, marginTop: 4 }}>PNG、JPEG 图片或 PDF 文件</div>
    </div>
  );
}
