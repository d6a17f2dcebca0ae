import type { TallyFlag } from './flags.ts';
import type { Head, Roster } from './heads.ts';
import type { RuleProfile } from './profiles.ts';
import type { Choice, TallyBallot, TallyOptions } from './types.ts';

// Which ballots are valid (TALLY-SPEC §3) and which one stands for each owner (§4 precedence, §6).

interface ValidBallot {
  ballot: TallyBallot;
  index: number;
  castBy: string;
  /** Whether castBy is the owner itself or one of its co-owners (not a proxy). */
  direct: boolean;
}

export interface Standing {
  headId: string;
  choice: Choice;
  /** Position of the standing ballot in the record's list. */
  ballotIndex: number;
}

const CHOICE_ZH: Record<Choice, string> = { yes: '同意', no: '反对', abstain: '弃权', spoiled: '废票' };

/**
 * How conflicts between one owner's ballots are judged and described. The yes/no tally compares
 * `choice`; an election compares the set of approved candidates, which `choice` cannot carry.
 */
export interface ChoiceReader {
  /** Two ballots with different keys differ (a conflict when cast by different people or per unit). */
  key(ballot: TallyBallot, index: number): string;
  /** The chosen ballot's content in Chinese, for the flag's reading. */
  label(ballot: TallyBallot, index: number): string;
}

const CHOICE_READER: ChoiceReader = { key: (b) => b.choice, label: (b) => CHOICE_ZH[b.choice] };

/** Validates every ballot and returns the standing ballot per head, plus flags. */
export function resolveBallots(
  ballots: readonly TallyBallot[], roster: Roster, profile: RuleProfile, options: TallyOptions,
  reader: ChoiceReader = CHOICE_READER,
): { standing: Map<string, Standing>; flags: TallyFlag[] } {
  const flags: TallyFlag[] = [];
  const valid = new Map<string, ValidBallot[]>();
  const proxiesByHolder = new Map<string, { owners: Set<string>; ballots: number[] }>();

  ballots.forEach((b, index) => {
    const castBy = b.castBy ?? b.owner;
    const drop = (kind: TallyFlag['kind'], reading: string) =>
      flags.push({ kind, owner: b.owner, castBy, ...(b.unit ? { unit: b.unit } : {}), ballots: [index], counted: false, reading });
    if (b.afterClose) return drop('after_close', '投票截止后提交，不计入');
    const head = roster.heads.get(b.owner);
    if (!head) {
      if (roster.outOfScope.has(b.owner)) return drop('out_of_scope', '该业主在列支范围内没有专有部分，不计入');
      if (roster.pendingBuyers.has(b.owner)) {
        return drop('non_owner', '买受人的房屋尚未交付，尚不是业主；该房屋的表决权属于建设单位，不计入');
      }
      return drop('non_owner', '投票对象不是名册中的业主，不计入');
    }
    const units = b.unit === undefined ? head.units : head.units.filter((u) => u.unit.unit === b.unit);
    if (units.length === 0) return drop('unit_not_owned', `业主在范围内没有房屋 ${b.unit}，不计入`);

    let direct = castBy === head.id;
    if (!direct) {
      const coOwned = units.filter((u) => u.unit.coOwners?.includes(castBy));
      if (coOwned.length > 0) {
        if (profile.coOwnerVoting === 'any') direct = true;
        else if (coOwned.some((u) => u.unit.designatedVoter === castBy)) direct = true;
        else if (!b.proxy) return drop('not_designated_voter', `共有房屋只能由约定的表决人投票，${castBy} 不是约定的表决人，不计入`);
      }
    }
    if (!direct) {
      if (!b.proxy) return drop('non_owner', `${castBy} 既不是业主也不是共有人，且没有委托，不计入`);
      if (b.proxy === 'oral') {
        if (profile.oralProxy === 'invalid') return drop('oral_proxy', '代理人没有书面委托书，按本规则无效，不计入');
        flags.push({ kind: 'oral_proxy', owner: b.owner, castBy, ballots: [index], counted: true,
          reading: '代理人没有书面委托书；本规则下暂计入，请核实委托' });
      }
      const p = proxiesByHolder.get(castBy) ?? { owners: new Set<string>(), ballots: [] };
      p.owners.add(head.id);
      p.ballots.push(index);
      proxiesByHolder.set(castBy, p);
    }
    const list = valid.get(head.id) ?? [];
    list.push({ ballot: b, index, castBy, direct });
    valid.set(head.id, list);
  });

  for (const [holder, p] of proxiesByHolder) {
    if (p.owners.size > options.proxyFlagThreshold) {
      flags.push({ kind: 'many_proxies', castBy: holder, ballots: p.ballots, counted: true,
        reading: `代理人代理了 ${p.owners.size} 位业主（超过 ${options.proxyFlagThreshold} 位），均已计入，请核实委托` });
    }
  }

  const standing = new Map<string, Standing>();
  for (const [headId, list] of valid) {
    const chosen = pick(list, options);
    standing.set(headId, { headId, choice: chosen.ballot.choice, ballotIndex: chosen.index });
    const conflict = conflictFlag(roster.heads.get(headId)!, list, chosen, options, reader);
    if (conflict) flags.push(conflict);
  }
  return { standing, flags };
}

/** Paper/online precedence first (only when both channels are present), then seq or list order. */
function pick(list: ValidBallot[], options: TallyOptions): ValidBallot {
  let pool = list;
  const preferred = options.paperOverridesOnline ? 'paper' : 'online';
  const other = options.paperOverridesOnline ? 'online' : 'paper';
  if (list.some((v) => v.ballot.channel === preferred) && list.some((v) => v.ballot.channel === other)) {
    pool = list.filter((v) => v.ballot.channel !== other);
  }
  const sorted = [...pool].sort((a, b) => (a.ballot.seq ?? a.index) - (b.ballot.seq ?? b.index) || a.index - b.index);
  return options.ballotPrecedence === 'first' ? sorted[0]! : sorted[sorted.length - 1]!;
}

function conflictFlag(
  head: Head, list: ValidBallot[], chosen: ValidBallot, options: TallyOptions, reader: ChoiceReader,
): TallyFlag | null {
  if (new Set(list.map((v) => reader.key(v.ballot, v.index))).size < 2) return null;
  const casters = new Set(list.map((v) => v.castBy));
  const units = new Set(list.map((v) => v.ballot.unit ?? '*'));
  // the same person changing their own ballot is ordinary precedence, not a conflict
  if (casters.size < 2 && units.size < 2) return null;
  const coOwned = head.units.some((u) => u.unit.coOwners?.length);
  const kind = units.size > 1 && head.units.length > 1 ? 'multi_unit_split'
    : coOwned && list.every((v) => v.direct) ? 'co_owner_conflict' : 'conflicting_ballots';
  const rule = options.ballotPrecedence === 'first' ? '最先' : '最后';
  const channel = list.some((v) => v.ballot.channel) ? `（${options.paperOverridesOnline ? '纸质优先' : '网络优先'}）` : '';
  return {
    kind, owner: head.id, ballots: list.map((v) => v.index), counted: true,
    reading: `同一业主（一人）的表决不一致；按规则采用${rule}一张${channel}：${reader.label(chosen.ballot, chosen.index)}（第 ${chosen.index + 1} 张），以其全部面积计`,
  };
}
