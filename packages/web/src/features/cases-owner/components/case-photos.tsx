import { Image } from 'antd';
import type { CaseAttachment } from '../types.ts';

/** a case's photos as thumbnails; a tap enlarges them (the server serves images inline) */
export function CasePhotos({ files, testId }: { files: CaseAttachment[]; testId: string }) {
  if (!files.length) return null;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8 }} data-testid={testId}>
      <Image.PreviewGroup>
        {files.map((f) => (
          <div key={f.id} style={{ aspectRatio: '1 / 1', borderRadius: 8, overflow: 'hidden', background: '#f2f4f7' }}>
            <Image src={f.url} alt={f.filename} width="100%" height="100%" style={{ objectFit: 'cover' }} data-testid="case-photo" />
          </div>
        ))}
      </Image.PreviewGroup>
    </div>
  );
}
