import type { PaperVote } from '@gongzhi/contracts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import type { RosterHead } from './proxy-shared.ts';

// What a paper sheet may say about each item of the notice. Only items of this meeting (no
// item can be voted that was not in the notice); a matter takes yes/no/abstain or 'spoiled'
// (废票); an election takes the distinct candidate ids of that item ticked on the sheet.

interface ItemInfo {
  id: number;
  kind: 'matter' | 'election';
  seats: number | null;
  scope: { buildings?: string[]; units?: string[] } | null;
  candidateIds: number[];
}

export interface NormalisedVote {
  itemId: number;
  choice: 'yes' | 'no' | 'abstain' | 'spoiled' | null;
  approvals: number[] | null;
}

export async function loadItems(db: Db, meetingId: number): Promise<Map<number, ItemInfo>> {
  const r = await db.query(
    `SELECT i.id, i.kind, i.seats, i.scope,
            ARRAY(SELECT c.id FROM meeting_candidates c WHERE c.item_id = i.id ORDER BY c.position) AS candidate_ids
       FROM meeting_items i WHERE i.meeting_id = $1 ORDER BY i.position`,
    [meetingId],
  );
  return new Map(r.rows.map((x) => [Number(x.id), {
    id: Number(x.id), kind: x.kind, seats: x.seats == null ? null : Number(x.seats), scope: x.scope ?? null,
    candidateIds: (x.candidate_ids as unknown[]).map(Number),
  }]));
}

/** Whether any of the head's units falls in the item's charging scope (no scope: all do). */
function inScope(item: ItemInfo, head: RosterHead): boolean {
  const s = item.scope;
  if (!s || (!s.buildings?.length && !s.units?.length)) return true;
  return head.units.some((u, i) => s.buildings?.includes(head.buildings[i]!) || s.units?.includes(u));
}

export function validateVotes(items: Map<number, ItemInfo>, votes: PaperVote[], head: RosterHead): NormalisedVote[] {
  const seen = new Set<number>();
  return votes.map((v, i) => {
    const f = `body.votes.${i}`;
    const item = items.get(v.itemId);
    if (!item) throw fieldError(`${f}.itemId`, '该议题不属于本次会议的公告议题');
    if (seen.has(v.itemId)) throw fieldError(`${f}.itemId`, '同一议题在一张表决票上只能录入一次');
    seen.add(v.itemId);
    if (!inScope(item, head)) throw fieldError(`${f}.itemId`, '这位投票人的房屋不在该议题的表决范围内');
    if (item.kind === 'matter') {
      if (v.approvals !== undefined) throw fieldError(`${f}.approvals`, '表决事项只填 choice（同意 / 反对 / 弃权 / 废票）');
      if (!v.choice) throw fieldError(`${f}.choice`, '请选择同意、反对、弃权或废票');
      return { itemId: item.id, choice: v.choice, approvals: null };
    }
    // an election sheet is entered as ticked: more ticks than seats makes it spoiled (废票) in
    // the tally (too_many_approvals), exactly as the law reads the paper
    if (v.choice !== undefined) {
      throw fieldError(`${f}.choice`, '选举议题请按选票上实际勾选的候选人填写 approvals（勾选超过应选名额的选票计票时即为废票）');
    }
    if (!v.approvals) throw fieldError(`${f}.approvals`, '请填写所选候选人（可为空，表示参加投票但未选任何人）');
    if (new Set(v.approvals).size !== v.approvals.length) throw fieldError(`${f}.approvals`, '同一候选人只能选一次');
    const unknown = v.approvals.find((c) => !item.candidateIds.includes(c));
    if (unknown !== undefined) throw fieldError(`${f}.approvals`, `候选人 ${unknown} 不是该议题的候选人`);
    return { itemId: item.id, choice: null, approvals: [...v.approvals] };
  });
}
