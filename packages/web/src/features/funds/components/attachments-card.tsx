import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Select, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { uploadAttachment } from '../../meetings/components/upload.ts';
import { ATTACHMENT_KINDS } from '../labels.ts';
import type { FundApplicationDetail } from '../types.ts';


/**
 * Quotes, photos, evidence, inspection and acceptance records of an application: the shared
 * attachments store, recordType `fund_application.<kind>`, recordId = the application's id.
 */
export function AttachmentsCard({ app, canUpload, onChanged }: { app: FundApplicationDetail; canUpload: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [kind, setKind] = useState<string>(app.path === 'emergency' ? 'evidence' : 'quote');
  const [busy, setBusy] = useState(false);
  const files = Object.entries(app.attachments ?? {}).flatMap(([k, list]) => list.map((f) => ({ ...f, kind: k })));
  return (
    <div data-testid="fund-attachments">
      {canUpload && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select value={kind} onChange={setKind} style={{ width: 170 }} options={Object.entries(ATTACHMENT_KINDS).map(([value, label]) => ({ value, label }))} data-testid="attachment-kind" />
          <Upload
            accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              setBusy(true);
              uploadAttachment(file, { recordType: `fund_application.${kind}`, recordId: String(app.id), estateId: app.estateId })
                .then((a) => {
                  message.success(`已上传：${a.filename}`);
                  onChanged();
                })
                .catch((e) => message.error(e instanceof ApiError ? e.message : String(e)))
                .finally(() => setBusy(false));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="attachment-upload">上传附件</Button>
          </Upload>
          <span style={{ color: '#667085', fontSize: 12 }}>PNG、JPEG 图片或 PDF 文件</span>
        </Space>
      )}
      {files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={app.path === 'emergency' ? '尚无附件：应急使用须上传现场照片、检测报告或整改通知' : '尚无附件：请上传施工报价单和现场照片'} />
      ) : (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => (
            <List.Item>
              <Space wrap>
                <Tag>{ATTACHMENT_KINDS[f.kind] ?? f.kind}</Tag>
                <a href={`/api/v1/attachments/${f.id}`} target="_blank" rel="noreferrer"><PaperClipOutlined /> {f.filename}</a>
                {f.createdAt && <span style={{ color: '#667085' }}>{formatDateTime(f.createdAt)}</span>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
