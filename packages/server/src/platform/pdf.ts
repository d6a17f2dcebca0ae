import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { AppError } from './errors.ts';

// Printable documents (the meeting result notice, the revenue statement) as PDFs with Chinese
// text. pdfkit embeds only the glyphs used (11–65 kB); the font is the system's Noto Sans CJK
// (Debian package fonts-noto-cjk), or GONGZHI_CJK_FONT (a .ttc/.otf/.ttf path;
// GONGZHI_CJK_FONT_FACE names the face in a .ttc).

const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
];
const DEFAULT_FACE = 'NotoSansCJKsc-Regular';

export function cjkFont(): { path: string; face: string | undefined } {
  const own = process.env.GONGZHI_CJK_FONT;
  if (own) {
    if (!fs.existsSync(own)) throw fontMissing(`GONGZHI_CJK_FONT 指向的文件不存在：${own}`);
    return { path: own, face: process.env.GONGZHI_CJK_FONT_FACE || (own.endsWith('.ttc') ? DEFAULT_FACE : undefined) };
  }
  const found = FONT_CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) throw fontMissing('未找到中文字体 Noto Sans CJK');
  return { path: found, face: DEFAULT_FACE };
}

const fontMissing = (why: string) => new AppError('INTERNAL', {
  message: `${why}。请在服务器上安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或用 GONGZHI_CJK_FONT 指定字体文件`,
});

/**
 * An A4 document with the CJK font registered as 'cjk' and selected; `done` resolves with the
 * whole file once the caller has written it and called `doc.end()`. The font is looked up first,
 * so a missing font refuses before anything is laid out.
 */
export function openCjkPdf(opts: { margin: number; info: PDFKit.DocumentInfo }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const font = cjkFont();
  const doc = new PDFDocument({ size: 'A4', margin: opts.margin, info: opts.info });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font.face) doc.registerFont('cjk', font.path, font.face);
  else doc.registerFont('cjk', font.path);
  doc.font('cjk');
  return { doc, done };
}

/**
 * Renderings kept by key, oldest out first beyond `max`. Laying out CJK text parses the large
 * system font (about a second), and what these documents print no longer changes once the key
 * (which must name everything that could change) is fixed.
 */
export function keptRenderings<K>(max = 50): (key: K, render: () => Promise<Buffer>) => Promise<Buffer> {
  const kept = new Map<K, Buffer>();
  return async (key, render) => {
    const hit = kept.get(key);
    if (hit) return hit;
    const pdf = await render();
    kept.set(key, pdf);
    if (kept.size > max) kept.delete(kept.keys().next().value!);
    return pdf;
  };
}
