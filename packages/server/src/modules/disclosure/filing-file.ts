import { FILE_WITH_LABELS, FILING_PARTY_LABELS, FILING_STATE_LABELS, formatYuan, type FilingContentView } from '@gongzhi/contracts';
import { addCalendarDays, filingContentProblems, periodLabel } from '@gongzhi/domain';
import { appendAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { notifyMany } from '../../platform/notify/notify.ts';
import { localDate } from '../meetings/index.ts';
import { disclosureRules } from './filing-city-rules.ts';
import { lockedError, ownFiling } from './filing-update.ts';
import { readFilingItem, reviewerAccounts } from './filing-view.ts';
import { publishSystemNotice } from './notice-publish.ts';

// Filing a draft: the package must be complete for its party (each missing part named), the
// period must have ended; it is published to the owners as a 30-day publicity (公示) and filed
// with the street office or the district bureau of the estate (per the city's rule), whose
// officers get an inbox message. Its content is frozen from here on (database guard).

const PUBLICITY_DAYS = 30;

export async function fileFiling(db: Db, o: { ctx: RequestContext; id: number; now?: Date }) {
  const { ctx } = o;
  const now = o.now ?? new Date();
  const f = await ownFiling(db, ctx, o.id, true);
  if (f.state !== 'draft') throw lockedError(f);
  const today = localDate(now);
  if (String(f.pe) >= today) throw fieldError('periodKey', `${periodLabel(String(f.period_key))}尚未结束，期满后方可报送`);
  const content = f.content as FilingContentView;
  const problems = filingContentProblems(f.party as 'company' | 'committee', content);
  if (problems.length) {
    throw new AppError('VALIDATION_FAILED', {
      message: `公示材料不完整：${problems.map((p) => p.message).join('；')}`,
      details: { issues: problems },
    });
  }
  const estateId = Number(f.estate_id);
  const rules = (await disclosureRules(db, estateId))!;
  const regionId = rules.fileWith === 'street' ? rules.streetId : rules.districtId;
  if (regionId == null) throw new AppError('CONFLICT', { message: `未找到小区所属的${FILE_WITH_LABELS[rules.fileWith]}，无法报送` });
  const party = f.party as 'company' | 'committee';
  const partyName = (await readFilingItem(db, o.id)).partyName;
  const title = `${rules.estateName}${periodLabel(String(f.period_key))}${FILING_PARTY_LABELS[party]}信息公示${Number(f.version) > 1 ? `（第${f.version}版）` : ''}`;
  const notice = await publishSystemNotice(db, {
    estateId, kind: 'publicity', title, body: noticeBody(content, party, partyName), audience: 'owners',
    publisherKind: party, publisherName: partyName, sourceType: 'disclosure_filing', sourceId: o.id,
    publicityStart: today, publicityEnd: addCalendarDays(today, PUBLICITY_DAYS - 1), actor: ctx.actor(), now,
  });
  await db.query(
    `UPDATE disclosure_filings SET state = 'filed', filed_at = $2, filed_by = $3, filed_with = $4, filed_with_region_id = $5,
            notice_id = $6, updated_at = $2 WHERE id = $1`,
    [o.id, now, ctx.accountId, rules.fileWith, regionId, notice.noticeId],
  );
  await appendAudit(db, ctx.actor(), {
    action: 'disclosure.filing.file', targetType: 'disclosure_filing', targetId: o.id, estateId,
    summary: { party, periodKey: f.period_key, version: Number(f.version), filedWith: rules.fileWith, regionId, noticeId: notice.noticeId },
  });
  const officers = await reviewerAccounts(db, rules.fileWith, regionId);
  await notifyMany(db, {
    accountIds: officers,
    subject: `公示备案待审核：${title}`,
    body: `${partyName}报送了${rules.estateName}${periodLabel(String(f.period_key))}的公示备案材料（第${f.version}版），请在“公示备案”中审核（备案或退回）。`,
  });
  return { id: o.id, state: 'filed' as const, stateLabel: FILING_STATE_LABELS.filed, noticeId: notice.noticeId };
}

/** The package as owners read it in the notice (the filing page shows the same, with attachments). */
function noticeBody(c: FilingContentView, party: 'company' | 'committee', partyName: string): string {
  const lines: string[] = [`公示主体：${partyName}（${FILING_PARTY_LABELS[party]}）`];
  if (c.feeStandards.length) {
    lines.push('', '一、收费标准');
    c.feeStandards.forEach((s, i) => lines.push(`${i + 1}. ${s.item}：${formatYuan(s.priceFen)} ${s.unit}${s.basis ? `（${s.basis}）` : ''}`));
  }
  if (c.serviceContract) {
    const sc = c.serviceContract;
    lines.push('', '二、物业服务合同', `服务企业：${sc.companyName}；合同期限：${sc.startsOn} 至 ${sc.endsOn}`);
    if (sc.summary) lines.push(sc.summary);
  }
  if (c.contractors.length) {
    lines.push('', '三、外包服务单位');
    c.contractors.forEach((k, i) => lines.push(`${i + 1}. ${k.name}：${k.service}，合同金额 ${formatYuan(k.amountFen)} 元`));
  }
  if (c.notes) lines.push('', '说明', c.notes);
  lines.push('', '公共收益报表、维修资金对账单及附件请在“公示备案”中查看。如有疑问，可在公示期内提出质询。');
  return lines.join('\n');
}
