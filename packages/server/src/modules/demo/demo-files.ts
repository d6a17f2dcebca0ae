import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../platform/db.ts';
import { newStorageKey, storagePath } from '../attachments/index.ts';

// Scans that demo records point to (paper ballots, written proxy authorisations): a one-page PDF
// that says it is a demo scan. With a data directory the file is stored where uploads go, so
// opening it in the app works; without one (tests) only the attachment row is written.

function demoPdf(): Buffer {
  const text = 'Gongzhi demo: scanned document (not a real ballot)';
  const stream = `BT /F1 14 Tf 60 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export class DemoFiles {
  private readonly pdf = demoPdf();
  private readonly sha = crypto.createHash('sha256').update(this.pdf).digest('hex');

  constructor(private readonly dataDir: string | null) {}

  /** Attachment rows (and their files, with a data directory), one INSERT; returns their ids in order. */
  async addMany(db: Db, list: { estateId: number; recordType: string; recordId: string; filename: string; uploadedBy: number }[]): Promise<number[]> {
    if (list.length === 0) return [];
    const keys = list.map(() => newStorageKey());
    if (this.dataDir) {
      for (const key of keys) {
        const p = storagePath(this.dataDir, key);
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, this.pdf);
      }
    }
    const r = await db.query(
      `INSERT INTO attachments (record_type, record_id, estate_id, filename, mime, size_bytes, sha256, storage_key, uploaded_by)
       SELECT u.record_type, u.record_id, u.estate_id, u.filename, 'application/pdf', $6, $7, u.storage_key, u.uploaded_by
         FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $8::bigint[])
           WITH ORDINALITY AS u(record_type, record_id, estate_id, filename, storage_key, uploaded_by, n)
        ORDER BY u.n RETURNING id, storage_key`,
      [list.map((a) => a.recordType), list.map((a) => a.recordId), list.map((a) => a.estateId), list.map((a) => a.filename), keys,
        this.pdf.length, this.sha, list.map((a) => a.uploadedBy)],
    );
    const byKey = new Map(r.rows.map((x) => [x.storage_key as string, Number(x.id)]));
    return keys.map((k) => byKey.get(k)!);
  }

  async add(db: Db, a: { estateId: number; recordType: string; recordId: string; filename: string; uploadedBy: number }): Promise<number> {
    return (await this.addMany(db, [a]))[0]!;
  }
}
