import type { Db } from '../../platform/db.ts';
import { chainBallots, type NewBallot } from '../meetings/index.ts';
import type { DemoFiles } from './demo-files.ts';
import { insertColumns, reserveIds } from './insert-columns.ts';
import type { Rng } from './prng.ts';

// The ballots of one demo meeting: who of the frozen roster voted, how and when. Online ballots
// from phones, paper sheets entered by the secretary and confirmed by the chair (one or two still
// waiting for that second look), one proxy, some owners who changed their mind, and a burst of
// ballots from one address that the street officer's monitoring should flag. Everything goes
// through the ballot writer (chainBallots) in cast order, so receipts and chains are real.

export interface DemoHead {
  voterKey: string;
  ownerIds: number[];
  buildings: string[];
}

export interface DemoItem {
  id: number;
  kind: 'matter' | 'election';
  seats: number | null;
  candidateIds: number[];
  /** charging scope (buildings), for maintenance-fund items */
  buildings: string[] | null;
}

export interface DemoBallotOptions {
  db: Db;
  rng: Rng;
  meetingId: number;
  estateId: number;
  items: DemoItem[];
  heads: DemoHead[];
  /** cast times are drawn inside this window */
  from: Date;
  to: Date;
  /** share of heads that vote */
  turnout: number;
  /** share of the voters who vote on paper */
  paperShare: number;
  /** share of yes among matter ballots (the rest split between no and abstain) */
  yesShare: number;
  /** how often each candidate (in list order) is ticked */
  popularity: number[];
  /** heads that must not have voted (the demo journey votes for them) */
  exclude: Set<string>;
  /** heads that have voted online from their own account: voter key → account id */
  ownAccounts: Map<string, number>;
  staff: { enteredBy: number; confirmedBy: number };
  /** one head voted through a proxy holder (an owner account, approved by the convener) */
  proxy?: { holderAccountId: number; holderName: string; convenerAccountId: number };
  /** paper sheets still waiting for the second person */
  pendingSheets: number;
  /** a dozen ballots from one address and device within minutes */
  burst: boolean;
  files: DemoFiles;
  now: Date;
}

const DEVICES = [
  'iPhone; iOS 17.5; 微信 8.0.49', 'Android 14; HUAWEI Mate 60; 微信 8.0.47', 'Android 13; Xiaomi 13; 微信 8.0.44',
  'Android 12; OPPO Reno8; 微信 8.0.40', 'iPhone; iOS 16.7; Safari', 'Android 14; vivo X100; 支付宝小程序',
];

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const inScope = (item: DemoItem, h: DemoHead) => !item.buildings || h.buildings.some((b) => item.buildings!.includes(b));

export interface DemoBallotSummary {
  voters: number;
  ballots: number;
  paperSheets: number;
  pendingSheets: number;
}

export async function castDemoBallots(o: DemoBallotOptions): Promise<DemoBallotSummary> {
  const { rng, items } = o;
  const span = o.to.getTime() - o.from.getTime();
  const at = (share: number) => new Date(o.from.getTime() + Math.floor(span * share));
  const ip = () => `${rng.pick(['36.110', '117.136', '183.192', '223.104'])}.${rng.int(1, 254)}.${rng.int(1, 254)}`;
  const choiceOf = (item: DemoItem) => {
    if (item.kind === 'election') {
      const ticked = item.candidateIds.filter((_, i) => rng.chance(o.popularity[i] ?? 0.3));
      return { approvals: ticked.slice(0, item.seats ?? ticked.length) };
    }
    const r = rng.next();
    return { choice: r < o.yesShare ? 'yes' : r < o.yesShare + (1 - o.yesShare) * 0.6 ? 'no' : 'abstain' } as const;
  };

  const own = [...o.ownAccounts.keys()].filter((k) => !o.exclude.has(k));
  const others = shuffle(rng, o.heads.filter((h) => !o.exclude.has(h.voterKey) && !o.ownAccounts.has(h.voterKey)));
  const target = Math.round(o.heads.length * o.turnout);
  const voters = [...o.heads.filter((h) => own.includes(h.voterKey)), ...others.slice(0, Math.max(0, target - own.length))];

  const online: NewBallot[] = [];
  const paper: { head: DemoHead; castAt: Date; votes: ReturnType<typeof choiceOf>[]; pending: boolean }[] = [];
  let proxyHead: DemoHead | null = null;
  let burstLeft = o.burst ? 12 : 0;
  const burstAt = at(0.35);
  const paperCount = Math.round(voters.length * o.paperShare);
  voters.forEach((h, n) => {
    const ownerId = h.ownerIds[0]!;
    const accountId = o.ownAccounts.get(h.voterKey) ?? null;
    if (!accountId && n >= voters.length - paperCount) {
      // the last voters drawn hand in paper: entered, then confirmed, the day it arrived
      paper.push({ head: h, castAt: at(rng.next()), votes: items.map((it) => (inScope(it, h) ? choiceOf(it) : null)) as never, pending: false });
      return;
    }
    const viaProxy = !accountId && o.proxy && !proxyHead;
    if (viaProxy) proxyHead = h;
    const burst = !accountId && !viaProxy && burstLeft > 0 && burstLeft--;
    const castAt = burst ? new Date(burstAt.getTime() + (12 - burstLeft) * 17_000) : at(rng.next());
    const meta = burst ? { clientIp: '115.231.18.77', device: DEVICES[1]! } : { clientIp: ip(), device: rng.pick(DEVICES) };
    // a few owners changed their mind before the close (the history stays, superseded)
    const changes = accountId || viaProxy ? 0 : rng.chance(0.03) ? 1 : 0;
    for (let c = 0; c <= changes; c++) {
      const when = c === 0 ? castAt : new Date(Math.min(castAt.getTime() + rng.int(3600, 86400 * 3) * 1000, o.to.getTime()));
      for (const item of items) {
        if (!inScope(item, h)) continue;
        online.push({
          itemId: item.id, voterKey: h.voterKey, channel: 'online', ...choiceOf(item), castAt: when,
          castByOwnerId: ownerId, castByAccountId: viaProxy ? o.proxy!.holderAccountId : accountId, ...meta,
        });
      }
    }
  });
  // one owner who changed the ballot five times: the monitoring's "changed many times"
  const fickle = online.find((b) => !b.castByAccountId && !b.clientIp?.startsWith('115.'));
  if (fickle) {
    for (let c = 1; c <= 4; c++) {
      for (const item of items) {
        const { choice: _c, approvals: _a, ...base } = fickle;
        online.push({ ...base, itemId: item.id, ...choiceOf(item), castAt: new Date(Math.min(fickle.castAt!.getTime() + c * 5400_000, o.to.getTime())) });
      }
    }
  }
  for (let i = 0; i < o.pendingSheets && paper.length > i; i++) paper[paper.length - 1 - i]!.pending = true;

  const proxyId = proxyHead ? await writeProxy(o, proxyHead) : null;
  if (proxyId) for (const b of online) if (b.voterKey === proxyHead!.voterKey) b.proxyId = proxyId;
  const paperBallots = await writePaperSheets(o, paper);

  const all = [...online, ...paperBallots].sort((a, b) => a.castAt!.getTime() - b.castAt!.getTime());
  const written = await chainBallots(o.db, o.meetingId, all);
  await markSheetsConfirmed(o, paperBallots, written);
  return { voters: voters.length, ballots: written.length + paper.filter((p) => p.pending).length, paperSheets: paper.length, pendingSheets: o.pendingSheets };
}

async function writeProxy(o: DemoBallotOptions, head: DemoHead): Promise<number> {
  const attachmentId = await o.files.add(o.db, {
    estateId: o.estateId, recordType: 'meeting_proxy', recordId: String(o.meetingId), filename: '书面委托书.pdf', uploadedBy: o.proxy!.convenerAccountId,
  });
  const r = await o.db.query(
    `INSERT INTO meeting_proxies (meeting_id, voter_key, owner_id, holder_account_id, holder_name, attachment_id, status, requested_by,
       reviewed_by, reviewed_at, review_note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'approved', $7, $7, $8, '委托书签字齐全，同意', $9) RETURNING id`,
    [o.meetingId, head.voterKey, head.ownerIds[0], o.proxy!.holderAccountId, o.proxy!.holderName, attachmentId,
      o.proxy!.convenerAccountId, new Date(o.from.getTime() - 86400_000), new Date(o.from.getTime() - 2 * 86400_000)],
  );
  return Number(r.rows[0].id);
}

/** Paper sheets as the paper module stores them: the sheet with its scan, its ballots 'pending'
 *  until the second person confirms; the confirmed ones are then chained like any ballot. */
async function writePaperSheets(
  o: DemoBallotOptions,
  sheets: { head: DemoHead; castAt: Date; votes: ({ choice?: string; approvals?: number[] } | null)[]; pending: boolean }[],
): Promise<NewBallot[]> {
  if (sheets.length === 0) return [];
  const sheetIds = await reserveIds(o.db, 'meeting_paper_sheets', sheets.length);
  const attachmentIds = await o.files.addMany(o.db, sheetIds.map((id) => ({
    estateId: o.estateId, recordType: 'meeting_paper_sheet', recordId: String(id), filename: `纸质表决票-${id}.pdf`, uploadedBy: o.staff.enteredBy,
  })));
  await insertColumns(o.db, 'meeting_paper_sheets', {
    id: ['bigint', sheetIds],
    meeting_id: ['bigint', sheets.map(() => o.meetingId)],
    voter_key: ['text', sheets.map((s) => s.head.voterKey)],
    owner_id: ['bigint', sheets.map((s) => s.head.ownerIds[0])],
    attachment_id: ['bigint', attachmentIds],
    received_at: ['timestamptz', sheets.map((s) => s.castAt)],
    entered_by: ['bigint', sheets.map(() => o.staff.enteredBy)],
    entered_at: ['timestamptz', sheets.map((s) => s.castAt)],
  });
  const rows = sheets.flatMap((s, i) => s.votes.flatMap((v, j) => (v ? [{ sheet: i, item: o.items[j]!.id, v }] : [])));
  const ids = await reserveIds(o.db, 'ballots', rows.length);
  // approvals travel as '{1,2}' text: unnest cannot take an array of arrays
  await o.db.query(
    `INSERT INTO ballots (id, meeting_id, item_id, voter_key, cast_by_owner_id, channel, choice, approvals, status, cast_at,
       attachment_id, entered_by, paper_sheet_id)
     SELECT u.id, $2, u.item_id, u.voter_key, u.owner_id, 'paper', u.choice, u.approvals::bigint[], 'pending', u.cast_at,
            u.attachment_id, $3, u.sheet_id
       FROM unnest($1::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::timestamptz[], $10::bigint[], $11::bigint[])
         AS u(id, item_id, voter_key, owner_id, choice, approvals, cast_at, attachment_id, sheet_id)`,
    [
      ids, o.meetingId, o.staff.enteredBy, rows.map((r) => r.item), rows.map((r) => sheets[r.sheet]!.head.voterKey),
      rows.map((r) => sheets[r.sheet]!.head.ownerIds[0]), rows.map((r) => r.v.choice ?? null),
      rows.map((r) => (r.v.approvals ? `{${r.v.approvals.join(',')}}` : null)), rows.map((r) => sheets[r.sheet]!.castAt),
      rows.map((r) => attachmentIds[r.sheet]), rows.map((r) => sheetIds[r.sheet]),
    ],
  );
  return rows.flatMap((r, k) => {
    const s = sheets[r.sheet]!;
    if (s.pending) return [];
    const confirmedAt = new Date(Math.min(s.castAt.getTime() + 4 * 3600_000, o.now.getTime()));
    return [{
      itemId: r.item, voterKey: s.head.voterKey, channel: 'paper' as const, pendingBallotId: ids[k]!, castByOwnerId: s.head.ownerIds[0]!,
      castAt: s.castAt, confirmedBy: o.staff.confirmedBy, confirmedAt, paperSheetId: sheetIds[r.sheet]!,
    }];
  });
}

async function markSheetsConfirmed(o: DemoBallotOptions, paper: NewBallot[], written: Awaited<ReturnType<typeof chainBallots>>) {
  const bySheet = new Map<number, { all: number; counted: number; at: Date }>();
  const byPending = new Map(written.map((w) => [w.id, w]));
  for (const b of paper) {
    const s = bySheet.get(b.paperSheetId!) ?? { all: 0, counted: 0, at: b.confirmedAt! };
    s.all++;
    if (byPending.get(b.pendingBallotId!)?.status === 'current') s.counted++;
    bySheet.set(b.paperSheetId!, s);
  }
  const ids = [...bySheet.keys()];
  if (ids.length === 0) return;
  const v = ids.map((id) => bySheet.get(id)!);
  await o.db.query(
    `UPDATE meeting_paper_sheets s SET status = 'confirmed', confirmed_by = $2, confirmed_at = u.at, outcome = u.outcome
       FROM unnest($1::bigint[], $3::timestamptz[], $4::text[]) AS u(id, at, outcome) WHERE s.id = u.id`,
    [ids, o.staff.confirmedBy, v.map((x) => x.at), v.map((x) => (x.counted === x.all ? 'counted' : x.counted === 0 ? 'overridden' : 'partly'))],
  );
}
