import { Empty, Image, Space, Typography } from 'antd';
import type { CaseAttachmentView } from '../types.ts';

/** The filer's photos (recordType case) and the handler's evidence (case_evidence), side by side. */
export function CasePhotos({ attachments }: { attachments: CaseAttachmentView[] }) {
  const filed = attachments.filter((a) => a.recordType === 'case');
  const evidence = attachments.filter((a) => a.recordType === 'case_evidence');
  if (!attachments.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有照片" />;
  return (
    <div style={{ display: 'grid', gap: 12 }} data-testid="case-photos">
      {[['反映人照片', filed, 'photos-filed'], ['办结凭证', evidence, 'photos-evidence']].map(([title, list, testId]) =>
        (list as CaseAttachmentView[]).length ? (
          <div key={testId as string} data-testid={testId as string}>
            <Typography.Text type="secondary">{title as string}（{(list as CaseAttachmentView[]).length}）</Typography.Text>
            <Image.PreviewGroup>
              <Space wrap style={{ display: 'flex', marginTop: 6 }}>
                {(list as CaseAttachmentView[]).map((a) => (
                  <Image key={a.id} src={a.url} alt={a.filename} width={104} height={104} style={{ objectFit: 'cover', borderRadius: 6 }} />
                ))}
              </Space>
            </Image.PreviewGroup>
          </div>
        ) : null,
      )}
    </div>
  );
}
