import { formatYuan, type RevenueStatementView } from '@gongzhi/contracts';
import { formatAreaCenti, REVENUE_DIRECTION_LABELS } from '@gongzhi/domain';
import { keptRenderings, openCjkPdf } from '../../platform/pdf.ts';
import { localDate } from '../meetings/index.ts';
import type { ShareRow } from './revenue-shares.ts';
import { buildingSums } from './revenue-shares.ts';

// The printable statement (公共收益收支情况公告) as a PDF with Chinese text (platform/pdf.ts: the
// same Noto Sans CJK font as the meeting result notice). Summary, categories, the entries as frozen, and the
// buildings' sums of the unit shares (each unit's own share is in the Excel and the owner's page:
// 20,000 lines do not belong in a notice). A published statement never changes, so renderings
// are kept by statement id.

const rendered = keptRenderings<number>();

/** `loadShares` runs only when the statement is not yet rendered: a kept PDF needs none of its rows. */
export async function revenueStatementPdf(s: RevenueStatementView, loadShares: () => Promise<ShareRow[]>): Promise<Buffer> {
  return rendered(s.id, async () => render(s, await loadShares()));
}

export const statementTitle = (s: RevenueStatementView) => `${s.estateName}${s.periodLabel}公共收益收支情况公告`;

async function render(s: RevenueStatementView, shares: ShareRow[]): Promise<Buffer> {
  const title = statementTitle(s);
  const { doc, done } = openCjkPdf({ margin: 50, info: { Title: title, Creator: 'Gongzhi 共治' } });

  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 16;
  /** one table row at fixed column positions; a new page when the row would not fit */
  const row = (cells: { text: string; width: number; align?: 'left' | 'right' }[], size = 9) => {
    if (doc.y > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    for (const c of cells) {
      doc.fontSize(size).text(c.text, x, y, { width: c.width - 4, align: c.align ?? 'left', lineBreak: false, ellipsis: true });
      x += c.width;
    }
    doc.x = left;
    doc.y = y + size + 6;
  };

  doc.fontSize(17).text(title, { align: 'center' });
  doc.moveDown(0.4);
  doc.fontSize(10).text(`期间：${s.periodStart} 至 ${s.periodEnd}　　发布：${s.publisherName}`, { align: 'center' });
  doc.moveDown();

  doc.fontSize(12).text('一、收支汇总');
  doc.moveDown(0.3);
  for (const [label, fen] of [['期初余额', s.openingFen], ['本期收入', s.incomeFen], ['本期支出', s.expenseFen], ['本期净收益', s.netFen], ['期末余额', s.closingFen]] as const) {
    row([{ text: label, width: 120 }, { text: `¥${formatYuan(fen)}`, width: 140, align: 'right' }], 10);
  }
  doc.moveDown(0.5);
  doc.fontSize(12).text('二、分类明细');
  doc.moveDown(0.3);
  for (const c of s.byCategory) {
    row([{ text: REVENUE_DIRECTION_LABELS[c.direction], width: 50 }, { text: c.label, width: 150 }, { text: `¥${formatYuan(c.amountFen)}`, width: 140, align: 'right' }]);
  }
  doc.moveDown(0.5);
  doc.fontSize(12).text(`三、收支记录（${s.entries.length} 笔）`);
  doc.moveDown(0.3);
  row([{ text: '记账日期', width: 70 }, { text: '类别', width: 90 }, { text: '交易对方', width: 130 }, { text: '金额（元）', width: 85, align: 'right' }, { text: '摘要', width: 120 }]);
  for (const e of s.entries) {
    row([
      { text: e.bookedOn, width: 70 }, { text: e.categoryLabel, width: 90 }, { text: e.counterparty, width: 130 },
      { text: `${e.signedAmountFen > 0 ? '+' : ''}${formatYuan(e.signedAmountFen)}`, width: 85, align: 'right' }, { text: e.memo, width: 120 },
    ]);
  }
  if (!s.entries.length) row([{ text: '本期无收支记录', width: 300 }]);
  doc.moveDown(0.5);
  doc.fontSize(12).text('四、按专有部分面积分摊（民法典第二百八十二条、第二百八十三条）');
  doc.moveDown(0.3);
  doc.fontSize(9).text(`全小区 ${s.unitCount} 户，总面积 ${formatAreaCenti(s.totalAreaCenti)} ㎡，本期净收益每平方米 ${s.perSquareMetre} 元；`
    + '各户分摊额按面积比例计算到分（最大余数法，合计等于净收益），明细见 Excel 及业主端“公共收益”。', { lineGap: 2 });
  doc.moveDown(0.3);
  row([{ text: '楼栋', width: 120 }, { text: '户数', width: 60, align: 'right' }, { text: '面积（㎡）', width: 100, align: 'right' }, { text: '分摊合计（元）', width: 120, align: 'right' }]);
  for (const b of buildingSums(shares)) {
    row([{ text: b.name, width: 120 }, { text: String(b.unitCount), width: 60, align: 'right' }, { text: formatAreaCenti(b.areaCenti), width: 100, align: 'right' }, { text: formatYuan(b.shareFen), width: 120, align: 'right' }]);
  }
  if (s.note) {
    doc.moveDown(0.5);
    doc.fontSize(10).text(`说明：${s.note}`, left, doc.y, { lineGap: 2 });
  }
  doc.moveDown();
  doc.fontSize(10).text(s.publisherName, left, doc.y, { align: 'right' }).text(localDate(new Date(s.publishedAt)), { align: 'right' });
  doc.end();
  return done;
}
