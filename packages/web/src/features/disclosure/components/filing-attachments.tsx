import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Select, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { uploadAttachment } from '../../meetings/components/upload.ts';
import { FILING_ATTACHMENT_KINDS } from '../labels.ts';
import type { FilingDetail } from '../types.ts';

/** The package's files by kind (recordType `disclosure_filing.<kind>`); uploads only while a draft. */
export function FilingAttachments({ filing, canUpload, onChanged }: { filing: FilingDetail; canUpload: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState('contract');
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid="filing-attachments">
      {canUpload && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select value={kind} onChange={setKind} style={{ width: 160 }} options={Object.entries(FILING_ATTACHMENT_KINDS).map(([value, label]) => ({ value, label }))} data-testid="filing-attachment-kind" />
          <Upload
            accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              setBusy(true);
              uploadAttachment(file, { recordType: `disclosure_filing.${kind}`, recordId: String(filing.id), estateId: filing.estateId })
                .then((a) => { message.success(`已上传：${a.filename}`); onChanged(); })
                .catch((e) => message.error(e instanceof ApiError ? e.message : String(e)))
                .finally(() => setBusy(false));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="filing-upload">上传附件</Button>
          </Upload>
          <span style={{ color: '#667085', fontSize: 12 }}>合同、收费文件等的扫描件：PNG、JPEG 图片或 PDF 文件</span>
        </Space>
      )}
      {filing.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无附件" />
      ) : (
        <List
          size="small"
          dataSource={filing.attachments}
          renderItem={(f) => (
            <List.Item>
              <Space wrap>
                <Tag>{FILING_ATTACHMENT_KINDS[f.kind] ?? f.kind}</Tag>
                <a href={`/api/v1/attachments/${f.id}`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.filename}</a>
                <span style={{ color: '#667085' }}>{formatDateTime(f.createdAt)}</span>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
