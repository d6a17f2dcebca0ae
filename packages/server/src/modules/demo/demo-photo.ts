import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Db } from '../../platform/db.ts';
import { newStorageKey, storagePath } from '../attachments/index.ts';

// Photos that demo cases point to (an owner's photo of the problem, a handler's evidence): a small
// PNG drawn here (sky, a wall and a crack of the given colour), so the case pages show a real
// image without shipping binary files. With a data directory the file is stored where uploads go;
// without one (tests) only the attachment row is written.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 480 × 360 RGB PNG: a sky band, a wall of `wall` colour with a dark diagonal crack. */
export function demoPhotoPng(wall: [number, number, number]): Buffer {
  const w = 480;
  const h = 360;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const sky = y < 90;
      const crack = !sky && Math.abs(x - (120 + (y - 90) * 0.9 + 12 * Math.sin(y / 9))) < 3;
      const shade = sky ? 0 : ((x >> 5) + (y >> 4)) % 2 === 0 ? 0 : 10; // tiles
      const [r, g, b] = sky ? [150, 190, 230] : crack ? [40, 35, 30] : [wall[0] - shade, wall[1] - shade, wall[2] - shade];
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface DemoPhoto { estateId: number; recordType: string; recordId: string; filename: string; uploadedBy: number; wall: [number, number, number] }

/** Attachment rows for the photos (and their files, with a data directory), one INSERT; ids in order. */
export async function addDemoPhotos(db: Db, dataDir: string | null, list: DemoPhoto[]): Promise<number[]> {
  if (list.length === 0) return [];
  const pngs = list.map((p) => demoPhotoPng(p.wall));
  const keys = list.map(() => newStorageKey());
  if (dataDir) {
    keys.forEach((key, i) => {
      const p = storagePath(dataDir, key);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, pngs[i]!);
    });
  }
  const r = await db.query(
    `INSERT INTO attachments (record_type, record_id, estate_id, filename, mime, size_bytes, sha256, storage_key, uploaded_by)
     SELECT u.record_type, u.record_id, u.estate_id, u.filename, 'image/png', u.size_bytes, u.sha256, u.storage_key, u.uploaded_by
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::bigint[])
         WITH ORDINALITY AS u(record_type, record_id, estate_id, filename, size_bytes, sha256, storage_key, uploaded_by, n)
      ORDER BY u.n RETURNING id, storage_key`,
    [list.map((a) => a.recordType), list.map((a) => a.recordId), list.map((a) => a.estateId), list.map((a) => a.filename),
      pngs.map((b) => b.length), pngs.map((b) => crypto.createHash('sha256').update(b).digest('hex')), keys, list.map((a) => a.uploadedBy)],
  );
  const byKey = new Map(r.rows.map((x) => [x.storage_key as string, Number(x.id)]));
  return keys.map((k) => byKey.get(k)!);
}
