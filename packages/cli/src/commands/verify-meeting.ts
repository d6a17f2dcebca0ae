import {
  ELECTION_RECORD_FORMAT, electionResultToJson, merkleRoot, parseDecisionRecord, parseElectionRecord, resultToJson, tally,
  tallyElection, verifyChain,
} from '@gongzhi/domain';
import { CliError } from '../cli-error.ts';
import { readInput } from '../read-input.ts';

// `gongzhi verify-meeting EXPORT.json`: checks a meeting export (GET /meetings/:id/export) with no
// database and no trust in the server. Per item: every link of the receipt chain recomputes
// (previous link, receipt hash); the record's ballots are exactly the chain's final ('current')
// links (same pseudonym, seq and choice); the Merkle root over those links' receipts is the one
// printed; the record recounted by the domain engine gives the published result. Exit 0 with a
// summary, or 2 naming the first broken link or field.

const USAGE = 'gongzhi verify-meeting 导出文件.json | -';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const fail = (where: string, why: string) => new CliError(`核验失败 / verification failed: ${where}: ${why}`);

/** Stable JSON (keys sorted): the stored result went through jsonb, which reorders keys. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

interface Link { chainSeq: number; pseudonym: string; choice: string; castAt: string; prevLink: string; receipt: string; status: string }

function readChain(v: unknown, where: string): Link[] {
  if (!Array.isArray(v)) throw fail(`${where}.chain`, '应为数组 / must be an array');
  return v.map((l, i) => {
    const p = `${where}.chain[${i}]`;
    if (!isObj(l)) throw fail(p, '应为对象 / must be an object');
    for (const k of ['pseudonym', 'choice', 'castAt', 'prevLink', 'receipt', 'status']) {
      if (typeof l[k] !== 'string') throw fail(`${p}.${k}`, '缺少或不是字符串 / missing or not a string');
    }
    if (typeof l.chainSeq !== 'number') throw fail(`${p}.chainSeq`, '缺少或不是数字 / missing or not a number');
    return l as unknown as Link;
  });
}

/** The choice a record ballot carries, as the receipt covers it (canonicalChoice of the server). */
function recordChoice(b: Obj, election: boolean): string {
  if (!election) return String(b.choice);
  const ids = (b.approvals as string[]).map((c) => Number(String(c).replace(/^c/, ''))).sort((x, y) => x - y);
  return `approvals:${ids.join(',')}`;
}

function verifyItem(meetingId: number, item: unknown, index: number): string {
  const where = `items[${index}]`;
  if (!isObj(item)) throw fail(where, '应为对象 / must be an object');
  const itemId = Number(item.itemId);
  const chain = readChain(item.chain, where);

  const checked = verifyChain(chain.map((l) => ({ ...l, meetingId, itemId })));
  if (!checked.ok) {
    const why = { sequence_gap: '序号不连续 / sequence gap', prev_link_mismatch: '前一环链接不符 / previous link does not match', receipt_mismatch: '回执哈希不符（内容被改动）/ receipt does not recompute (content altered)' };
    const i = chain.findIndex((l) => l.chainSeq === checked.brokenAt);
    throw fail(`${where}.chain[${i < 0 ? checked.brokenAt - 1 : i}]（chainSeq ${checked.brokenAt}）`, why[checked.reason]);
  }

  const finals = chain.filter((l) => l.status === 'current');
  const root = merkleRoot(finals.map((l) => l.receipt));
  if (root !== item.merkleRoot) throw fail(`${where}.merkleRoot`, `与最终选票重新计算的默克尔根 ${root} 不符 / does not match the recomputed root`);

  const raw = item.record;
  const election = isObj(raw) && raw.format === ELECTION_RECORD_FORMAT;
  let recount: Obj;
  if (election) {
    const p = parseElectionRecord(raw);
    if (!p.ok) throw fail(`${where}.record.${p.field}`, p.message);
    recount = electionResultToJson(tallyElection(p.record), p.names);
  } else {
    const p = parseDecisionRecord(raw);
    if (!p.ok) throw fail(`${where}.record.${p.field}`, p.message);
    recount = resultToJson(tally(p.record));
  }
  const ballots = (raw as Obj).ballots as Obj[];
  if (ballots.length !== finals.length) {
    throw fail(`${where}.record.ballots`, `有 ${ballots.length} 张，链上最终选票 ${finals.length} 张 / count differs from the chain's final ballots`);
  }
  ballots.forEach((b, k) => {
    const l = finals[k]!;
    if (b.owner !== l.pseudonym || b.seq !== l.chainSeq) {
      throw fail(`${where}.record.ballots[${k}]`, `与链上第 ${l.chainSeq} 环（化名 ${l.pseudonym.slice(0, 12)}…）不对应 / does not match chain link`);
    }
    if (recordChoice(b, election) !== l.choice) {
      throw fail(`${where}.record.ballots[${k}].${election ? 'approvals' : 'choice'}`, `为 ${recordChoice(b, election)}，链上回执覆盖的是 ${l.choice} / differs from the receipted choice`);
    }
  });

  if (item.result != null) {
    if (!isObj(item.result)) throw fail(`${where}.result`, '应为对象 / must be an object');
    for (const k of new Set([...Object.keys(recount), ...Object.keys(item.result)])) {
      if (canonical(recount[k]) !== canonical(item.result[k])) {
        throw fail(`${where}.result.${k}`, `公布值 ${canonical(item.result[k]).slice(0, 120)}，重新计票得 ${canonical(recount[k]).slice(0, 120)} / published value differs from the recount`);
      }
    }
  }
  const outcome = election
    ? `当选 elected: ${((recount.elected as string[]) ?? []).join(', ') || '—'}`
    : `${recount.passed ? '通过 passed' : '未通过 not passed'}`;
  return `  议题 item ${itemId}: 链 chain ${chain.length} 环 links ✓ · 最终选票 final ballots ${finals.length} · 默克尔根 root ${root.slice(0, 16)}… ✓ · `
    + `${item.result != null ? '重新计票与公布结果一致 recount matches ✓' : '尚未计票 not tallied yet'} · ${outcome}`;
}

export async function verifyMeeting(args: string[]): Promise<number> {
  if (args.length !== 1) throw new CliError(`需要一个会议导出文件 / one meeting export file expected\n用法 / usage: ${USAGE}`);
  let json: unknown;
  try {
    json = JSON.parse(await readInput(args[0]!));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`不是合法的 JSON / not valid JSON: ${(e as Error).message}`);
  }
  if (!isObj(json) || json.format !== 'gongzhi.meeting-export/v1') throw fail('format', '应为 "gongzhi.meeting-export/v1"');
  if (!isObj(json.meeting) || typeof json.meeting.id !== 'number') throw fail('meeting.id', '缺少会议编号 / missing meeting id');
  if (!Array.isArray(json.items)) throw fail('items', '应为数组 / must be an array');
  const meetingId = json.meeting.id;
  const lines = json.items.map((item, i) => verifyItem(meetingId, item, i));
  console.log(`会议 meeting ${meetingId}「${String(json.meeting.title ?? '')}」核验通过 / verified: ${lines.length} 个议题 items`);
  for (const l of lines) console.log(l);
  return 0;
}
