import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Empty, List, Space, Upload } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { uploadAttachment } from '../../meetings/components/upload.ts';
import type { NoticeAttachment } from '../types.ts';

/** A notice's files (recordType `notice`); uploads only while it is a draft — published content is frozen. */
export function NoticeAttachments(props: { noticeId: number; estateId: number; files: NoticeAttachment[]; canUpload: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid="notice-attachments">
      {props.canUpload && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Upload
            accept=".png,.jpg,.jpeg,.pdf,image/png,image/jpeg,application/pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              setBusy(true);
              uploadAttachment(file, { recordType: 'notice', recordId: String(props.noticeId), estateId: props.estateId })
                .then((a) => {
                  message.success(`已上传：${a.filename}`);
                  props.onChanged();
                })
                .catch((e) => message.error(e instanceof ApiError ? e.message : String(e)))
                .finally(() => setBusy(false));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="notice-upload">上传附件</Button>
          </Upload>
          <span style={{ color: '#667085', fontSize: 12 }}>PNG、JPEG 图片或 PDF 文件；发布后不能再增加</span>
        </Space>
      )}
      {props.files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无附件" />
      ) : (
        <List
          size="small"
          dataSource={props.files}
          renderItem={(f) => (
            <List.Item>
              <Space wrap>
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
