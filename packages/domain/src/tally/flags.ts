// Ballots that need a human (TALLY-SPEC §6). The engine never guesses silently: every ballot it
// drops or every conflict it resolves is listed with the reading it chose.

export type FlagKind =
  | 'non_owner' // cast by someone who is neither the owner, a co-owner nor a proxy; or for a non-owner
  | 'out_of_scope' // for an owner with no unit inside the charging scope
  | 'unit_not_owned' // restricted to a unit the owner does not hold (in scope)
  | 'not_designated_voter' // a co-owner other than the designated voter (designated-voter profiles)
  | 'oral_proxy' // a proxy without a written authorisation
  | 'many_proxies' // one proxy holder acting for many owners
  | 'co_owner_conflict' // co-owners of one unit voted differently
  | 'multi_unit_split' // one multi-unit owner voted differently per unit
  | 'conflicting_ballots' // other differing ballots for one owner (e.g. owner and proxy)
  | 'after_close'; // cast after the voting window closed

export interface TallyFlag {
  kind: FlagKind;
  /** The owner (head) the ballots were cast for, when there is one. */
  owner?: string;
  castBy?: string;
  unit?: string;
  /** Positions of the ballots concerned in the record's `ballots` list. */
  ballots: number[];
  /** Whether the flagged ballot(s) count in the result as it stands. */
  counted: boolean;
  /** The reading the engine chose, in Chinese, for the reviewer. */
  reading: string;
}

const KIND_ORDER: FlagKind[] = [
  'non_owner', 'out_of_scope', 'unit_not_owned', 'not_designated_voter', 'oral_proxy', 'many_proxies',
  'co_owner_conflict', 'multi_unit_split', 'conflicting_ballots', 'after_close',
];

/** A stable order (kind, owner, castBy, first ballot) so equal inputs give equal output. */
export function sortFlags(flags: TallyFlag[]): TallyFlag[] {
  const key = (f: TallyFlag) => [KIND_ORDER.indexOf(f.kind), f.owner ?? '', f.castBy ?? '', f.ballots[0] ?? -1] as const;
  return [...flags].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    return 0;
  });
}
