import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Image } from 'antd';
import { useEffect, useRef } from 'react';
import { useCT } from '../messages.ts';

// Up to MAX_PHOTOS photos picked on the phone, shown as thumbnails (tap to enlarge) before they
// are sent. Whether a file is an image and small enough is the server's call: its refusal is shown
// per photo after filing (a renamed file or a huge one is judged by what it is, not its name).

export const MAX_PHOTOS = 9;

export interface PickedPhoto {
  key: string;
  file: File;
  url: string;
}

let seq = 0;

export function PhotoPicker({ value, onChange }: { value: PickedPhoto[]; onChange: (v: PickedPhoto[]) => void }) {
  const { ct } = useCT();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(value);
  latest.current = value;
  // the previews' object URLs are freed when the form goes away
  useEffect(() => () => latest.current.forEach((p) => URL.revokeObjectURL(p.url)), []);

  const add = (files: FileList | null) => {
    if (!files?.length) return;
    const room = MAX_PHOTOS - value.length;
    const taken = Array.from(files).slice(0, Math.max(room, 0));
    if (files.length > room) message.warning(ct('new.tooMany', { n: MAX_PHOTOS }));
    onChange([...value, ...taken.map((file) => ({ key: `p${++seq}`, file, url: URL.createObjectURL(file) }))]);
    if (input.current) input.current.value = '';
  };
  const remove = (key: string) => {
    const p = value.find((x) => x.key === key);
    if (p) URL.revokeObjectURL(p.url);
    onChange(value.filter((x) => x.key !== key));
  };

  const tile: React.CSSProperties = { position: 'relative', aspectRatio: '1 / 1', borderRadius: 8, overflow: 'hidden', background: '#f2f4f7' };
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 8 }} data-testid="case-photos">
      <Image.PreviewGroup>
        {value.map((p) => (
          <div key={p.key} style={tile} data-testid="case-photo-thumb">
            {/* a file that is not a picture shows its name instead of a broken image */}
            <Image
              src={p.url}
              alt={p.file.name}
              width="100%"
              height="100%"
              style={{ objectFit: 'cover' }}
            />
            <div style={{ position: 'absolute', left: 0, right: 0, bottom: 0, padding: '2px 4px', fontSize: 11, color: '#fff', background: 'rgba(0,0,0,.45)', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {p.file.name}
            </div>
            <button
              type="button"
              aria-label={ct('new.remove')}
              onClick={() => remove(p.key)}
              style={{ position: 'absolute', top: 4, right: 4, width: 24, height: 24, borderRadius: 12, border: 0, background: 'rgba(0,0,0,.55)', color: '#fff', cursor: 'pointer', display: 'flex', alignItems: 'center', justifyContent: 'center' }}
            >
              <CloseOutlined style={{ fontSize: 12 }} />
            </button>
          </div>
        ))}
      </Image.PreviewGroup>
      {value.length < MAX_PHOTOS && (
        <label style={{ ...tile, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: 4, border: '1px dashed #d0d5dd', color: '#667085', cursor: 'pointer', fontSize: 13 }}>
          <PlusOutlined style={{ fontSize: 20 }} />
          {ct('new.addPhoto')}
          <input ref={input} type="file" accept="image/*" multiple style={{ display: 'none' }} data-testid="case-photo-input" onChange={(e) => add(e.target.files)} />
        </label>
      )}
    </div>
  );
}
