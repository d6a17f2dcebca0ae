import type { FastifyReply } from 'fastify';

// The headers of file answers (Excel exports, PDFs, attachments), written once.

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 5987/6266: an ASCII fallback plus the UTF-8 name, so Chinese names survive every browser
 *  (those that read filename* take the UTF-8 one). */
export function contentDisposition(filename: string, asciiFallback: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** An Excel workbook as a download named `filename` (`asciiFallback` for old browsers). */
export function xlsxReply(reply: FastifyReply, buffer: Buffer, filename: string, asciiFallback: string): Buffer {
  reply.type(XLSX_MIME).header('content-disposition', contentDisposition(filename, asciiFallback));
  return buffer;
}
