import {
  canonicalChoice, precedenceOutcome, pseudonymFor, receiptHash, resolveOptions, type Channel, type Choice,
  type PrecedenceOptions, type RuleProfileId, type TallyOptions,
} from '@gongzhi/domain';
import { AUDIT_HEAD_SQL, AUDIT_LOCK_SQL, auditHead, type AuditHead } from '../../platform/audit.ts';
import { sha256Hex } from '../../platform/crypto.ts';
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

/** A caller's statement run inside chainBallots' write statement (see beforeWrite). */
export interface ExtraStatement {
  /** a data-modifying statement with RETURNING; `p` adds a parameter and returns its placeholder */
  sql: (p: (value: unknown) => string) => string;
  /** told the rows it returned (without it, the statement needs no RETURNING: a data-modifying
   *  CTE runs whether or not it is read) */
  returned?: (rows: Record<string, unknown>[]) => void;
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
  opts: {
    checkMeeting?: (m: ChainMeeting) => void;
    /** the caller has not begun its transaction: BEGIN is sent with the first statements (one round trip less) */
    begin?: boolean;
    /** called with the results once decided, before anything is written: may refuse (throw), or
     *  return one more data-modifying statement to run inside the write statement (a CTE; `p`
     *  adds a parameter and returns its placeholder) — one round trip less for the caller */
    beforeWrite?: (out: WrittenBallot[], locked: { auditHead?: AuditHead }) => ExtraStatement | ExtraStatement[] | void;
    /** also take the audit chain's lock (after the item locks) and read its head, for a caller
     *  that writes its audit rows as an extra statement (platform/audit.ts buildAuditRows) */
    auditLock?: boolean;
    /** run the write statement as a prepared statement (planned once per connection): only on a
     *  connection with seq scans off (the cast batcher's), where its generic plan stays index probes */
    prepared?: boolean;
  } = {},
): Promise<WrittenBallot[]> {
  if (ballots.length === 0) return [];
  const itemIds = [...new Set(ballots.map((b) => b.itemId))].sort((a, b) => a - b);
  const voterKeys = [...new Set(ballots.map((b) => b.voterKey))];
  const pendingIds = ballots.flatMap((b) => (b.pendingBallotId ? [b.pendingBallotId] : []));
  const { locked, cur, pending, head } = await lockAndRead(db, { meetingId, itemIds, voterKeys, pendingIds, begin: opts.begin === true, auditLock: opts.auditLock === true });
  if (locked.length !== itemIds.length) {
    throw new AppError('NOT_FOUND', { message: '表决事项不属于本次会议' });
  }
  const first = locked[0]!;
  opts.checkMeeting?.({ state: first.state, votingOpensAt: first.voting_opens_at, votingClosesAt: first.voting_closes_at });
  const salt = first.pseudonym_salt as string | null;
  if (!salt) throw new AppError('CONFLICT', { message: '会议公告尚未发布，不能投票' });
  const precedence = meetingPrecedence(first as Parameters<typeof meetingPrecedence>[0]);
  const items = new Map<number, ItemRow>(locked.map((r) => [Number(r.id), { ...r, id: Number(r.id), chain_length: Number(r.chain_length) } as ItemRow]));
  const pendingChoices = pendingMap(pending, pendingIds);
  const current = new Map<string, Current>();
  for (const r of cur) current.set(`${r.item_id}|${r.voter_key}`, { id: Number(r.id), channel: r.channel });

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

  const chained = out.filter((w) => w.status !== 'refused');
  const heads = [...items.values()].filter((i) => chained.some((w) => w.itemId === i.id));
  const extraOut = opts.beforeWrite?.(out, { auditHead: head }) ?? undefined;
  const extra = extraOut === undefined ? [] : Array.isArray(extraOut) ? extraOut : [extraOut];
  if (chained.length > 0 || replacedInDb.length > 0 || extra.length) await writeChain(db, meetingId, ballots, chained, replacedInDb, heads, extra, opts.prepared === true);
  return out;
}

/**
 * Locks the items (FOR UPDATE, id order) and share-locks the meeting, THEN reads the current
 * ballots (and the pending paper rows to chain): separate statements, so the reads see whatever
 * a writer we waited for committed. Sent as one multi-statement simple query (one round trip:
 * casting's throughput is bounded by the round trips of its batch transaction); the values are
 * integers and escaped literals.
 */
async function lockAndRead(db: Db, q: { meetingId: number; itemIds: number[]; voterKeys: string[]; pendingIds: number[]; begin: boolean; auditLock: boolean }) {
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new Error(`chainBallots: not an id: ${n}`);
    return String(n);
  };
  const ints = (a: number[]) => `ARRAY[${a.map(int).join(',')}]::bigint[]`;
  const texts = (a: string[]) => `ARRAY[${a.map((k) => db.escapeLiteral(k)).join(',')}]::text[]`;
  const statements = [
    ...(q.begin ? ['BEGIN'] : []),
    `SELECT i.id, i.kind, i.chain_head, i.chain_length, m.rules, m.options, m.allow_change, m.pseudonym_salt,
            m.state, m.voting_opens_at, m.voting_closes_at
       FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
      WHERE i.meeting_id = ${int(q.meetingId)} AND i.id = ANY(${ints(q.itemIds)})
      ORDER BY i.id FOR UPDATE OF i FOR SHARE OF m`,
    ...(q.auditLock ? [AUDIT_LOCK_SQL, AUDIT_HEAD_SQL] : []),
    `SELECT id, item_id, voter_key, channel FROM ballots
      WHERE item_id = ANY(${ints(q.itemIds)}) AND voter_key = ANY(${texts(q.voterKeys)}) AND status = 'current'`,
    ...(q.pendingIds.length ? [`SELECT id, item_id, voter_key, choice, approvals FROM ballots
      WHERE id = ANY(${ints(q.pendingIds)}) AND meeting_id = ${int(q.meetingId)} AND status = 'pending' FOR UPDATE`] : []),
  ];
  const results = (await db.query(statements.join(';\n'))) as unknown as Array<{ rows: Record<string, any>[] }>;
  const r0 = q.begin ? results.slice(1) : results;
  const head = q.auditLock ? auditHead(r0[2]!.rows) : undefined;
  const r = q.auditLock ? [r0[0]!, ...r0.slice(3)] : r0;
  return { locked: r[0]!.rows, cur: r[1]!.rows, pending: r[2]?.rows ?? [], head };
}

function pendingMap(rows: Record<string, any>[], ids: number[]) {
  const map = new Map<number, { itemId: number; voterKey: string; choice: Choice | null; approvals: number[] | null }>();
  for (const row of rows) {
    map.set(Number(row.id), {
      itemId: Number(row.item_id), voterKey: String(row.voter_key), choice: row.choice,
      approvals: row.approvals ? row.approvals.map(Number) : null,
    });
  }
  if (map.size !== new Set(ids).size) throw new AppError('CONFLICT', { message: '待确认的纸质选票已处理或不存在' });
  return map;
}

const pgArray = (ids: number[] | null | undefined) => (ids == null ? null : `{${ids.map(Number).join(',')}}`);

/**
 * Everything chainBallots writes, in ONE statement: replaced ballots' new status, new rows,
 * pending paper rows chained in place, the items' chain heads. `(SELECT count(*) FROM replaced)`
 * makes the inserts and the pending update wait for the replaced rows to leave 'current', so the
 * one-current index never sees two current ballots for a head.
 */
async function writeChain(
  db: Db, meetingId: number, input: NewBallot[], chained: WrittenBallot[], replaced: Array<{ id: number; status: string }>, heads: ItemRow[],
  extra: ExtraStatement[] = [],
  prepared = false,
): Promise<void> {
  const inserts = chained.filter((w) => !input[w.index]!.pendingBallotId);
  const pending = chained.filter((w) => input[w.index]!.pendingBallotId);
  const ins = <T>(f: (b: NewBallot, w: WrittenBallot) => T) => inserts.map((w) => f(input[w.index]!, w));
  const pen = <T>(f: (b: NewBallot, w: WrittenBallot) => T) => pending.map((w) => f(input[w.index]!, w));
  const params: unknown[] = [
      meetingId, replaced.map((x) => x.id), replaced.map((x) => x.status),
      ins((b) => b.itemId), ins((b) => b.voterKey), ins((b) => b.castByOwnerId ?? null),
      ins((b) => b.castByAccountId ?? null), ins((b) => b.proxyId ?? null), ins((b) => b.channel),
      ins((b) => b.choice ?? null), ins((b) => pgArray(b.approvals)), ins((_, w) => w.status), ins((_, w) => w.castAt),
      ins((_, w) => w.chainSeq), ins((_, w) => w.pseudonym), ins((_, w) => w.prevLink), ins((_, w) => w.receipt),
      ins((b) => b.attachmentId ?? null), ins((b) => b.enteredBy ?? null), ins((b) => b.confirmedBy ?? null),
      ins((b) => b.confirmedAt ?? null), ins((b) => b.clientIp ?? null), ins((b) => b.device ?? null),
      ins((b) => b.paperSheetId ?? null),
      pen((b) => b.pendingBallotId), pen((_, w) => w.status), pen((_, w) => w.castAt), pen((_, w) => w.chainSeq),
      pen((_, w) => w.pseudonym), pen((_, w) => w.prevLink), pen((_, w) => w.receipt), pen((b) => b.confirmedBy ?? null),
      pen((b) => b.confirmedAt ?? null),
      heads.map((i) => i.id), heads.map((i) => i.chain_head), heads.map((i) => i.chain_length),
  ];
  const extraCte = extra.map((e, k) => `, extra${k} AS (${e.sql((v) => `$${params.push(v)}`)})`).join('');
  const text = `WITH replaced AS (
       UPDATE ballots b SET status = u.status FROM unnest($2::bigint[], $3::text[]) AS u(id, status)
        WHERE b.id = u.id AND b.id = ANY($2::bigint[]) RETURNING b.id
     ), inserted AS (
       INSERT INTO ballots (meeting_id, item_id, voter_key, cast_by_owner_id, cast_by_account_id, proxy_id, channel,
          choice, approvals, status, cast_at, chain_seq, pseudonym, prev_link, receipt, attachment_id, entered_by,
          confirmed_by, confirmed_at, client_ip, device, paper_sheet_id)
       SELECT $1, u.item_id, u.voter_key, u.owner_id, u.account_id, u.proxy_id, u.channel, u.choice, u.approvals::bigint[],
              u.status, u.cast_at, u.chain_seq, u.pseudonym, u.prev_link, u.receipt, u.attachment_id, u.entered_by,
              u.confirmed_by, u.confirmed_at, u.client_ip, u.device, u.paper_sheet_id
         FROM unnest($4::bigint[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::timestamptz[], $14::int[], $15::text[], $16::text[], $17::text[], $18::bigint[],
                     $19::bigint[], $20::bigint[], $21::timestamptz[], $22::text[], $23::text[], $24::bigint[])
           AS u(item_id, voter_key, owner_id, account_id, proxy_id, channel, choice, approvals, status, cast_at, chain_seq,
                pseudonym, prev_link, receipt, attachment_id, entered_by, confirmed_by, confirmed_at, client_ip, device, paper_sheet_id)
        WHERE (SELECT count(*) FROM replaced) >= 0
       RETURNING id, item_id, chain_seq
     ), chained_pending AS (
       UPDATE ballots b SET status = u.status, cast_at = u.cast_at, chain_seq = u.chain_seq, pseudonym = u.pseudonym,
              prev_link = u.prev_link, receipt = u.receipt, confirmed_by = COALESCE(u.confirmed_by, b.confirmed_by),
              confirmed_at = COALESCE(u.confirmed_at, b.confirmed_at)
         FROM unnest($25::bigint[], $26::text[], $27::timestamptz[], $28::int[], $29::text[], $30::text[], $31::text[],
                     $32::bigint[], $33::timestamptz[])
           AS u(id, status, cast_at, chain_seq, pseudonym, prev_link, receipt, confirmed_by, confirmed_at)
        WHERE b.id = u.id AND b.id = ANY($25::bigint[]) AND (SELECT count(*) FROM replaced) >= 0
       RETURNING b.id
     ), moved_heads AS (
       UPDATE meeting_items i SET chain_head = u.head, chain_length = u.len
         FROM unnest($34::bigint[], $35::text[], $36::int[]) AS u(id, head, len) WHERE i.id = u.id AND i.id = ANY($34::bigint[])
       RETURNING i.id
     )${extraCte}
     SELECT id, item_id, chain_seq, NULL::int AS extra_no, NULL::json AS extra_row FROM inserted
     ${extra.map((e, k) => (e.returned ? `UNION ALL SELECT NULL, NULL, NULL, ${k}, row_to_json(extra${k}) FROM extra${k}` : '')).join('\n     ')}`;
  // Prepared (named by its text: a handful of shapes, the extras differ) when the caller asks
  // (the cast batcher, whose connection has seq scans off): planned once per connection, as
  // planning cost more than running it for a batch of 25 casts, and an index probe on the
  // ballots' primary key whatever the table's size when the plan was made. Other callers
  // (paper review) run it unnamed, planned for their values.
  const r = await db.query(prepared ? { name: `ballot_write_${sha256Hex(text).slice(0, 16)}`, text, values: params } : { text, values: params });
  extra.forEach((e, k) => e.returned?.(r.rows.filter((row) => row.extra_no === k).map((row) => row.extra_row)));
  // (item, chain_seq) is unique: it maps each returned id to its ballot whatever the row order
  const ids = new Map<string, number>(r.rows.filter((row) => row.id != null).map((row) => [`${row.item_id}|${row.chain_seq}`, Number(row.id)]));
  for (const w of inserts) w.id = ids.get(`${w.itemId}|${w.chainSeq}`)!;
}
