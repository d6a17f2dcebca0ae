import type { FastifyReply } from 'fastify';

// Excel answers of the fund (movements, statements): the same headers as the roster export.

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 5987/6266: an ASCII fallback plus the UTF-8 name for browsers that read filename*. */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

export function xlsxReply(reply: FastifyReply, buffer: Buffer, filename: string, asciiFallback: string): Buffer {
  reply.type(XLSX_MIME).header('content-disposition', contentDisposition(filename, asciiFallback));
  return buffer;
}

/** fen → yuan as a number for a cell formatted '#,##0.00' (exact: fen / 100 is the nearest double) */
export const yuan = (fen: number) => fen / 100;
export const YUAN_FORMAT = '#,##0.00';
