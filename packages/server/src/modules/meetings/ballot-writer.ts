import {
  canonicalChoice, precedenceOutcome, pseudonymFor, receiptHash, resolveOptions, type Channel, type Choice,
  type PrecedenceOptions, type RuleProfileId, type TallyOptions,
} from '@gongzhi/domain';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

// Every accepted ballot (online, proxy, confirmed paper) is written here, so that the one-current
// rule, the profile's precedence and the per-item receipt chain have one implementation.
// Runs inside the CALLER's transaction (the caller checks the meeting's state and writes the
// audit events with appendAuditMany). A fixed number of statements per call, whatever the
// number of ballots: the cast path batches many casts into one call (group commit).

export interface NewBallot {
  itemId: number;
  voterKey: string;
  channel: Channel;
  /** a matter's choice; exactly one of choice / approvals */
  choice?: Choice;
  /** an election's approved candidate ids (meeting_candidates.id); [] approves nobody */
  approvals?: number[];
  castByOwnerId?: number | null;
  castByAccountId?: number | null;
  proxyId?: number | null;
  /** default: the time of this call (one time for the whole call) */
  castAt?: Date;
  clientIp?: string | null;
  device?: string | null;
  /** paper: a ballot row already stored as 'pending' (its choice as stored) to chain now,
   *  instead of inserting a new row; the fields below are then written onto it */
  pendingBallotId?: number;
  attachmentId?: number | null;
  enteredBy?: number | null;
  confirmedBy?: number | null;
  confirmedAt?: Date | null;
  paperSheetId?: number | null;
  /** the first ballot is final (allow_change = false or 'first') and this one would be ranked
   *  below it on the same channel: true = do not write it, answer status 'refused' (the online
   *  cast path refuses a change); default false = store it as 'overridden' */
  refuseIfFinal?: boolean;
}

export interface WrittenBallot {
  /** the ballot's id (null when refused) */
  id: number | null;
  itemId: number;
  voterKey: string;
  channel: Channel;
  /** 'refused': not written (refuseIfFinal); 'superseded' / 'overridden' also when a later
   *  ballot of the same call replaced it */
  status: 'current' | 'superseded' | 'overridden' | 'refused';
  chainSeq: number | null;
  receipt: string | null;
  prevLink: string | null;
  pseudonym: string;
  castAt: Date;
  /** the ballot this one replaced, now 'superseded' (same channel) or 'overridden' (other
   *  channel): a stored row (id) or a ballot of this same call (index) */
  replaced: { id: number | null; index: number | null; status: 'superseded' | 'overridden' } | null;
  /** index of the NewBallot this answers (results are in input order) */
  index: number;
}

/** The meeting as locked by chainBallots, for a caller's last check before anything is written. */
export interface ChainMeeting { state: string; votingOpensAt: Date; votingClosesAt: Date }

interface ItemRow { id: number; kind: 'matter' | 'election'; chain_head: string; chain_length: number }
interface Current { id: number | null; channel: Channel; written?: WrittenBallot }

/** The precedence options of a meeting row: its profile's defaults, its own options, allow_change. */
export function meetingPrecedence(m: { rules: RuleProfileId; options: Partial<TallyOptions> | null; allow_change: boolean }): PrecedenceOptions {
  const o = resolveOptions(m.rules, m.options ?? {});
  return { paperOverridesOnline: o.paperOverridesOnline, ballotPrecedence: o.ballotPrecedence, allowChange: m.allow_change };
}

/**
 * Chains `ballots` (in the given order) onto their items' hash chains. Locks the meeting's items
 * involved (FOR UPDATE, in id order, so concurrent writers never deadlock) and share-locks the
 * meeting (`checkMeeting` may refuse then, e.g. the window closed meanwhile), decides each ballot's
 * status against the owner's current ballot (ballots earlier in the same call count), marks
 * replaced ballots, inserts, and moves the chain heads. Returns one result per input, in order.
 */
export async function chainBallots(
  db: Db, meetingId: number, ballots: NewBallot[],
  opts: { checkMeeting?: (m: ChainMeeting) => void } = {},
): Promise<WrittenBallot[]> {
  if (ballots.length === 0) return [];
  const itemIds = [...new Set(ballots.map((b) => b.itemId))].sort((a, b) => a - b);
  // the meeting row is share-locked: a transition (FOR UPDATE) waits for us, or we for it
  const locked = await db.query(
    `SELECT i.id, i.kind, i.chain_head, i.chain_length, m.rules, m.options, m.allow_change, m.pseudonym_salt,
            m.state, m.voting_opens_at, m.voting_closes_at
       FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
      WHERE i.meeting_id = $1 AND i.id = ANY($2::bigint[])
      ORDER BY i.id FOR UPDATE OF i FOR SHARE OF m`,
    [meetingId, itemIds],
  );
  if (locked.rows.length !== itemIds.length) {
    throw new AppError('NOT_FOUND', { message: '表决事项不属于本次会议' });
  }
  const first = locked.rows[0];
  opts.checkMeeting?.({ state: first.state, votingOpensAt: first.voting_opens_at, votingClosesAt: first.voting_closes_at });
  const salt = first.pseudonym_salt as string | null;
  if (!salt) throw new AppError('CONFLICT', { message: '会议公告尚未发布，不能投票' });
  const precedence = meetingPrecedence(first);
  const items = new Map<number, ItemRow>(locked.rows.map((r) => [Number(r.id), { ...r, id: Number(r.id), chain_length: Number(r.chain_length) }]));

  const pendingIds = ballots.flatMap((b) => (b.pendingBallotId ? [b.pendingBallotId] : []));
  const pendingChoices = await loadPending(db, meetingId, pendingIds);

  const voterKeys = [...new Set(ballots.map((b) => b.voterKey))];
  const cur = await db.query(
    `SELECT id, item_id, voter_key, channel FROM ballots
      WHERE item_id = ANY($1::bigint[]) AND voter_key = ANY($2::text[]) AND status = 'current'`,
    [itemIds, voterKeys],
  );
  const current = new Map<string, Current>();
  for (const r of cur.rows) current.set(`${r.item_id}|${r.voter_key}`, { id: Number(r.id), channel: r.channel });

  const now = new Date();
  const pseudonyms = new Map<string, string>();
  const replacedInDb: Array<{ id: number; status: string }> = [];
  const out: WrittenBallot[] = [];

  ballots.forEach((b, index) => {
    const item = items.get(b.itemId)!;
    const stored = b.pendingBallotId ? pendingChoices.get(b.pendingBallotId)! : null;
    if (stored && (stored.itemId !== b.itemId || stored.voterKey !== b.voterKey)) {
      throw new Error(`chainBallots: pending ballot ${b.pendingBallotId} is not for item ${b.itemId} / ${b.voterKey}`);
    }
    const choice = stored ? stored.choice : (b.choice ?? null);
    const approvals = stored ? stored.approvals : (b.approvals ?? null);
    if ((item.kind === 'election') !== (approvals != null)) {
      throw new AppError('VALIDATION_FAILED', { message: item.kind === 'election' ? '选举事项须提交候选人选择' : '表决事项须提交同意、反对或弃权' });
    }
    let pseudonym = pseudonyms.get(b.voterKey);
    if (!pseudonym) pseudonyms.set(b.voterKey, (pseudonym = pseudonymFor(salt, b.voterKey)));
    const castAt = b.castAt ?? now;
    const key = `${b.itemId}|${b.voterKey}`;
    const existing = current.get(key) ?? null;
    const outcome = precedenceOutcome(existing, { channel: b.channel }, precedence);
    const base = { itemId: b.itemId, voterKey: b.voterKey, channel: b.channel, pseudonym, castAt, index };
    if (outcome.incoming === 'overridden' && outcome.reason === 'final' && b.refuseIfFinal) {
      out.push({ ...base, id: null, status: 'refused', chainSeq: null, receipt: null, prevLink: null, replaced: null });
      return;
    }
    const prevLink = item.chain_head;
    const chainSeq = item.chain_length + 1;
    const receipt = receiptHash({ meetingId, itemId: b.itemId, pseudonym, choice: canonicalChoice({ choice, approvals }), castAt, prevLink });
    item.chain_head = receipt;
    item.chain_length = chainSeq;
    const written: WrittenBallot = { ...base, id: b.pendingBallotId ?? null, status: outcome.incoming, chainSeq, receipt, prevLink, replaced: null };
    if (outcome.incoming === 'current' && existing && outcome.existing) {
      if (existing.written) {
        // replaced within this call: that row is inserted with its final status directly
        existing.written.status = outcome.existing;
        written.replaced = { id: null, index: existing.written.index, status: outcome.existing };
      } else {
        replacedInDb.push({ id: existing.id!, status: outcome.existing });
        written.replaced = { id: existing.id!, index: null, status: outcome.existing };
      }
    }
    if (outcome.incoming === 'current') current.set(key, { id: null, channel: b.channel, written });
    out.push(written);
  });

  // replaced rows first: the one-current index must never see two current ballots
  if (replacedInDb.length > 0) {
    await db.query(
      `UPDATE ballots b SET status = u.status FROM unnest($1::bigint[], $2::text[]) AS u(id, status) WHERE b.id = u.id`,
      [replacedInDb.map((r) => r.id), replacedInDb.map((r) => r.status)],
    );
  }
  const chained = out.filter((w) => w.status !== 'refused');
  const inserts = chained.filter((w) => !ballots[w.index]!.pendingBallotId);
  if (inserts.length > 0) await insertBallots(db, meetingId, ballots, inserts);
  const updates = chained.filter((w) => ballots[w.index]!.pendingBallotId);
  if (updates.length > 0) await chainPending(db, ballots, updates);

  const heads = [...items.values()].filter((i) => chained.some((w) => w.itemId === i.id));
  if (heads.length > 0) {
    await db.query(
      `UPDATE meeting_items i SET chain_head = u.head, chain_length = u.len
         FROM unnest($1::bigint[], $2::text[], $3::int[]) AS u(id, head, len) WHERE i.id = u.id`,
      [heads.map((i) => i.id), heads.map((i) => i.chain_head), heads.map((i) => i.chain_length)],
    );
  }
  return out;
}

async function loadPending(db: Db, meetingId: number, ids: number[]) {
  const map = new Map<number, { itemId: number; voterKey: string; choice: Choice | null; approvals: number[] | null }>();
  if (ids.length === 0) return map;
  const r = await db.query(
    `SELECT id, item_id, voter_key, choice, approvals FROM ballots
      WHERE id = ANY($1::bigint[]) AND meeting_id = $2 AND status = 'pending' FOR UPDATE`,
    [ids, meetingId],
  );
  for (const row of r.rows) {
    map.set(Number(row.id), {
      itemId: Number(row.item_id), voterKey: String(row.voter_key), choice: row.choice,
      approvals: row.approvals ? row.approvals.map(Number) : null,
    });
  }
  if (map.size !== new Set(ids).size) throw new AppError('CONFLICT', { message: '待确认的纸质选票已处理或不存在' });
  return map;
}

const pgArray = (ids: number[] | null | undefined) => (ids == null ? null : `{${ids.map(Number).join(',')}}`);

async function insertBallots(db: Db, meetingId: number, input: NewBallot[], ws: WrittenBallot[]): Promise<void> {
  const col = <T>(f: (b: NewBallot, w: WrittenBallot) => T) => ws.map((w) => f(input[w.index]!, w));
  const r = await db.query(
    `INSERT INTO ballots (meeting_id, item_id, voter_key, cast_by_owner_id, cast_by_account_id, proxy_id, channel,
        choice, approvals, status, cast_at, chain_seq, pseudonym, prev_link, receipt, attachment_id, entered_by,
        confirmed_by, confirmed_at, client_ip, device, paper_sheet_id)
     SELECT $1, u.item_id, u.voter_key, u.owner_id, u.account_id, u.proxy_id, u.channel, u.choice, u.approvals::bigint[],
            u.status, u.cast_at, u.chain_seq, u.pseudonym, u.prev_link, u.receipt, u.attachment_id, u.entered_by,
            u.confirmed_by, u.confirmed_at, u.client_ip, u.device, u.paper_sheet_id
       FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::timestamptz[], $12::int[], $13::text[], $14::text[], $15::text[], $16::bigint[],
                   $17::bigint[], $18::bigint[], $19::timestamptz[], $20::text[], $21::text[], $22::bigint[])
         AS u(item_id, voter_key, owner_id, account_id, proxy_id, channel, choice, approvals, status, cast_at, chain_seq,
              pseudonym, prev_link, receipt, attachment_id, entered_by, confirmed_by, confirmed_at, client_ip, device, paper_sheet_id)
     RETURNING id, item_id, chain_seq`,
    [
      meetingId, col((b) => b.itemId), col((b) => b.voterKey), col((b) => b.castByOwnerId ?? null),
      col((b) => b.castByAccountId ?? null), col((b) => b.proxyId ?? null), col((b) => b.channel),
      col((b) => b.choice ?? null), col((b) => pgArray(b.approvals)), col((_, w) => w.status), col((_, w) => w.castAt),
      col((_, w) => w.chainSeq), col((_, w) => w.pseudonym), col((_, w) => w.prevLink), col((_, w) => w.receipt),
      col((b) => b.attachmentId ?? null), col((b) => b.enteredBy ?? null), col((b) => b.confirmedBy ?? null),
      col((b) => b.confirmedAt ?? null), col((b) => b.clientIp ?? null), col((b) => b.device ?? null),
      col((b) => b.paperSheetId ?? null),
    ],
  );
  // (item, chain_seq) is unique: it maps each returned id to its ballot whatever the row order
  const ids = new Map<string, number>(r.rows.map((row) => [`${row.item_id}|${row.chain_seq}`, Number(row.id)]));
  for (const w of ws) w.id = ids.get(`${w.itemId}|${w.chainSeq}`)!;
}

async function chainPending(db: Db, input: NewBallot[], ws: WrittenBallot[]): Promise<void> {
  const col = <T>(f: (b: NewBallot, w: WrittenBallot) => T) => ws.map((w) => f(input[w.index]!, w));
  await db.query(
    `UPDATE ballots b SET status = u.status, cast_at = u.cast_at, chain_seq = u.chain_seq, pseudonym = u.pseudonym,
            prev_link = u.prev_link, receipt = u.receipt, confirmed_by = COALESCE(u.confirmed_by, b.confirmed_by),
            confirmed_at = COALESCE(u.confirmed_at, b.confirmed_at)
       FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::int[], $5::text[], $6::text[], $7::text[],
                   $8::bigint[], $9::timestamptz[])
         AS u(id, status, cast_at, chain_seq, pseudonym, prev_link, receipt, confirmed_by, confirmed_at)
      WHERE b.id = u.id`,
    [
      col((b) => b.pendingBallotId), col((_, w) => w.status), col((_, w) => w.castAt), col((_, w) => w.chainSeq),
      col((_, w) => w.pseudonym), col((_, w) => w.prevLink), col((_, w) => w.receipt), col((b) => b.confirmedBy ?? null),
      col((b) => b.confirmedAt ?? null),
    ],
  );
}
