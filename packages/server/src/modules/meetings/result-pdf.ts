import type { ItemResultView, MeetingResultsView } from '@gongzhi/contracts';
import { keptRenderings, openCjkPdf } from '../../platform/pdf.ts';
import { zhDateTime } from './meeting-dates.ts';

// The printable result notice (表决结果公告) as a PDF with Chinese text (platform/pdf.ts: the
// system's Noto Sans CJK, or GONGZHI_CJK_FONT).

const area = (c: number) => `${(c / 100).toFixed(2)} ㎡`;
const pct = (part: number, whole: number) => (whole === 0 ? '0.00%' : `${((part * 100) / whole).toFixed(2)}%`);
const when = (iso: string | null) => (iso ? zhDateTime(new Date(iso)) : '—');

export function resultNoticeTitle(v: MeetingResultsView): string {
  return `${v.estateName}业主大会会议表决结果公告`;
}

function itemLines(it: ItemResultView): string[] {
  const lines = [
    `表决规则：${it.thresholds.text}`,
    `参与表决：专有部分面积 ${area(it.areaParticipatingCenti)} / ${area(it.areaTotalCenti)}（${pct(it.areaParticipatingCenti, it.areaTotalCenti)}），`
      + `人数 ${it.headParticipating} / ${it.headTotal} 人（${pct(it.headParticipating, it.headTotal)}）——${it.participationMet ? '达到' : '未达到'}三分之二以上`,
  ];
  if (it.kind === 'matter') {
    const p = it.areaParticipatingCenti;
    const h = it.headParticipating;
    lines.push(
      `同意：${area(it.areaYesCenti!)}（${pct(it.areaYesCenti!, p)}），${it.headYes} 人（${pct(it.headYes!, h)}）`,
      `反对：${area(it.areaNoCenti!)}，${it.headNo} 人；弃权：${area(it.areaAbstainCenti!)}，${it.headAbstain} 人；废票：${it.headSpoiled} 人`,
      `表决结果：${it.passed ? '通过' : '未通过'}`,
    );
  } else {
    lines.push(`应选名额：${it.seats} 名`);
    for (const c of it.candidates ?? []) {
      lines.push(`  ${c.name}：赞成 ${c.approvalHeads} 人，${area(c.approvalAreaCenti)}——${c.elected ? '当选' : c.passesThresholds ? '达到票数但未当选' : '未达到票数'}`);
    }
    const names = (ids: number[] | null) => (ids ?? []).map((id) => it.candidates?.find((c) => c.candidateId === id)?.name ?? String(id)).join('、');
    lines.push(`当选：${names(it.elected) || '无'}`);
    if (it.tieForLastSeat) lines.push(`票数相同、争夺最后席位（不作裁决，按议事规则由人决定）：${names(it.tieForLastSeat)}`);
  }
  lines.push(`计入选票 ${it.ballotCount} 张；需人工复核的标记 ${it.flags.length} 项`);
  lines.push(`选票默克尔根（Merkle root）：${it.merkleRoot}`);
  return lines;
}

// A tallied result no longer changes, so each rendering is kept, keyed by everything it prints
// that could change.
const rendered = keptRenderings<string>();

export async function resultPdf(v: MeetingResultsView, cacheKey: string): Promise<Buffer> {
  return rendered(`${cacheKey}:${v.state}:${v.resultPublishedAt}:${v.talliedAt}`, () => renderResultPdf(v));
}

export async function renderResultPdf(v: MeetingResultsView): Promise<Buffer> {
  const title = resultNoticeTitle(v);
  const { doc, done } = openCjkPdf({ margin: 56, info: { Title: title, Subject: v.title, Creator: 'Gongzhi 共治' } });

  doc.fontSize(18).text(title, { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(12).text(v.title, { align: 'center' });
  doc.moveDown();
  doc.fontSize(10)
    .text(`召集人：${v.convenerName}`)
    .text(`投票时间：${when(v.votingOpensAt)} 至 ${when(v.votingClosesAt)}`)
    .text(`计票时间：${when(v.talliedAt)}${v.resultPublishedAt ? `；公布时间：${when(v.resultPublishedAt)}` : ''}`);
  for (const it of v.items) {
    doc.moveDown();
    doc.fontSize(12).text(`议题${it.position}：${it.title}`);
    doc.fontSize(9).fillColor('#444').text(`（民法典第278条第${it.matter}项：${it.matterName}）`).fillColor('black');
    doc.fontSize(10);
    for (const line of itemLines(it)) doc.text(line, { lineGap: 2 });
  }
  doc.moveDown();
  doc.fontSize(9).fillColor('#444').text(
    '说明：面积与人数按表决名册（公告时冻结）计算，“以上”含本数，“过半数”不含半数。业主可凭投票回执码在平台核验本人选票已计入上述默克尔根；'
    + '任何人可下载各议题的决定记录，用 gongzhi retally 重新计票。',
  );
  doc.moveDown();
  // dated by the result (publication, else the tally), so the same result prints the same document
  doc.fillColor('black').fontSize(10).text(`${v.convenerName}`, { align: 'right' })
    .text(when(v.resultPublishedAt ?? v.talliedAt).split(' ')[0]!, { align: 'right' });
  doc.end();
  return done;
}
