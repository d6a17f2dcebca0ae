import { FileOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import type { AttachmentLink } from '../types.ts';

/** A record's files: each opens (images) or downloads (PDF) from GET /attachments/:id. */
export function AttachmentList({ title, items }: { title: string; items: AttachmentLink[] | undefined }) {
  if (!items || items.length === 0) return null;
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }} data-testid="attachments">
      {items.map((a) => (
        <div key={a.id} style={{ padding: '4px 0' }}>
          <a href={`/api/v1/attachments/${a.id}`} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }} data-testid="attachment">
            <FileOutlined /> {a.filename}
          </a>
        </div>
      ))}
    </Card>
  );
}
