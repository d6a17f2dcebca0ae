import { Empty, Image, Typography } from 'antd';
import type { CaseAttachmentView } from '../types.ts';

/**
 * A case's photos as square thumbnails (a tap or click enlarges them; the server serves images
 * inline). Used by the officials' case page and the owner's phone: about 100 px tiles, three to a
 * row on a 390 px phone, more on a desk.
 */
export function PhotoGrid({ files, testId }: { files: CaseAttachmentView[]; testId: string }) {
  if (!files.length) return null;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(92px, 1fr))', gap: 8, maxWidth: 720 }} data-testid={testId}>
      <Image.PreviewGroup>
        {files.map((f) => (
          <div key={f.id} style={{ aspectRatio: '1 / 1', borderRadius: 6, overflow: 'hidden', background: '#f2f4f7' }}>
            <Image src={f.url} alt={f.filename} width="100%" height="100%" style={{ objectFit: 'cover' }} data-testid="case-photo" />
          </div>
        ))}
      </Image.PreviewGroup>
    </div>
  );
}

/** The filer's photos (recordType case) and the handler's evidence (case_evidence), one after the other. */
export function CasePhotos({ attachments }: { attachments: CaseAttachmentView[] }) {
  const filed = attachments.filter((a) => a.recordType === 'case');
  const evidence = attachments.filter((a) => a.recordType === 'case_evidence');
  if (!attachments.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有照片" />;
  return (
    <div style={{ display: 'grid', gap: 12 }} data-testid="case-photos">
      {([['反映人照片', filed, 'photos-filed'], ['办结凭证', evidence, 'photos-evidence']] as const).map(([title, list, testId]) =>
        list.length ? (
          <div key={testId}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>{title}（{list.length}）</Typography.Text>
            <PhotoGrid files={list} testId={testId} />
          </div>
        ) : null,
      )}
    </div>
  );
}
