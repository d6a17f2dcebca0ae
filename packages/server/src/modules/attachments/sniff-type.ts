import type { AttachmentMime } from '@gongzhi/contracts';

// A file is what its first bytes say, not what its name or the browser claims: a renamed .exe
// stays an .exe. Only these signatures are accepted (WebP only where a record type's upload
// policy takes it: case photos).
export type SniffedMime = AttachmentMime | 'image/webp';

// null: any byte (WebP: "RIFF", four bytes of length, "WEBP")
const SIGNATURES: { mime: SniffedMime; ext: string; bytes: (number | null)[] }[] = [
  { mime: 'image/png', ext: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', ext: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'application/pdf', ext: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { mime: 'image/webp', ext: 'webp', bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] },
];

/** How many leading bytes sniffType needs to decide. */
export const SNIFF_BYTES = 12;

export function sniffType(head: Buffer): { mime: SniffedMime; ext: string } | null {
  for (const s of SIGNATURES) {
    if (head.length >= s.bytes.length && s.bytes.every((b, i) => b === null || head[i] === b)) return { mime: s.mime, ext: s.ext };
  }
  return null;
}

export function extensionOf(mime: string): string {
  return SIGNATURES.find((s) => s.mime === mime)?.ext ?? 'bin';
}
