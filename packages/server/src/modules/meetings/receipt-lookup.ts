import { BALLOT_STATUS_LABELS, type MyReceiptView, type PublicReceiptView } from '@gongzhi/contracts';
import { inclusionProof, merkleRoot, verifyInclusion } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';

// Receipt verification (issue 3). Anyone holding a receipt code learns whether that ballot is in
// its item's hash chain, whether it stands, and after the tally the item's Merkle root with the
// inclusion proof, recomputed here from the final ballots (status 'current' by chain_seq, the
// leaves H4's tally hashed into meeting_item_results.merkle_root). Never the owner, never the
// choice; the owner's own view (GET /my/receipts/:receipt) adds the choice.

const CLOSED_STATES = ['closed', 'tallied', 'result_published', 'objection_period', 'final'];

interface ReceiptRow {
  id: number; meeting_id: number; item_id: number; voter_key: string; cast_by_account_id: number | null;
  channel: 'online' | 'paper'; choice: string | null; approvals: number[] | null; status: string; cast_at: Date;
  chain_seq: number; prev_link: string; receipt: string; meeting_title: string; meeting_state: string;
  item_title: string; merkle_root: string | null;
}

const notFound = () => new AppError('NOT_FOUND', { message: '未找到该回执码对应的选票：请核对回执码是否完整、正确' });

async function findByReceipt(db: Db, receipt: string): Promise<ReceiptRow> {
  const r = await db.query(
    `SELECT b.id, b.meeting_id, b.item_id, b.voter_key, b.cast_by_account_id, b.channel, b.choice, b.approvals, b.status,
            b.cast_at, b.chain_seq, b.prev_link, b.receipt, m.title AS meeting_title, m.state AS meeting_state,
            i.title AS item_title, res.merkle_root
       FROM ballots b JOIN meetings m ON m.id = b.meeting_id JOIN meeting_items i ON i.id = b.item_id
       LEFT JOIN meeting_item_results res ON res.item_id = b.item_id
      WHERE b.receipt = $1 AND b.chain_seq IS NOT NULL`,
    [receipt],
  );
  if (!r.rows[0]) throw notFound();
  return r.rows[0] as ReceiptRow;
}

async function publicView(db: Db, b: ReceiptRow): Promise<PublicReceiptView> {
  const closed = CLOSED_STATES.includes(b.meeting_state);
  const standing = b.status === 'current' ? 'final' : b.status === 'superseded' ? 'superseded' : 'overridden';
  const standingLabel = standing === 'final'
    ? (closed ? '最终有效票，计入表决结果' : '当前有效票（投票截止前本人仍可更改）')
    : standing === 'superseded' ? '已被本人后来的投票更改，不计入结果' : '按本次会议纸质票与网络投票的优先规则未被采用，不计入结果';
  const base: PublicReceiptView = {
    receipt: b.receipt, included: true, meetingId: Number(b.meeting_id), meetingTitle: b.meeting_title,
    itemId: Number(b.item_id), itemTitle: b.item_title, chainSeq: b.chain_seq, prevLink: b.prev_link,
    castAt: b.cast_at.toISOString(), channel: b.channel, standing, standingLabel,
    tallied: b.merkle_root != null, merkleRoot: b.merkle_root, leafIndex: null, leafCount: null, proof: null, proofValid: null,
    message: '已记录，投票结束后可验证包含证明',
  };
  if (b.merkle_root == null) return base;
  if (standing !== 'final') return { ...base, message: '该选票已记录在哈希链中，但不是最终有效票，因此不在表决结果的默克尔树中' };
  const leaves = await db.query(
    `SELECT receipt FROM ballots WHERE item_id = $1 AND status = 'current' AND chain_seq IS NOT NULL ORDER BY chain_seq`, [b.item_id]);
  const receipts = leaves.rows.map((x) => x.receipt as string);
  const index = receipts.indexOf(b.receipt);
  const proof = inclusionProof(receipts, index);
  const valid = verifyInclusion(b.receipt, proof, b.merkle_root) && merkleRoot(receipts) === b.merkle_root;
  return {
    ...base, leafIndex: index, leafCount: receipts.length, proof, proofValid: valid,
    message: valid ? '该选票已计入表决结果：包含证明与公布的默克尔根一致' : '包含证明与公布的默克尔根不一致，请向街道办事处反映',
  };
}

export async function publicReceipt(opts: { db: Db; receipt: string }): Promise<PublicReceiptView> {
  return publicView(opts.db, await findByReceipt(opts.db, opts.receipt));
}

/** Only the owner's own ballots (their heads through an approved binding) or ballots the caller
 *  cast as a proxy holder; anything else is answered as absent. */
export async function myReceipt(opts: { db: Db; ctx: RequestContext; receipt: string }): Promise<MyReceiptView> {
  const b = await findByReceipt(opts.db, opts.receipt);
  if (!(await mayReadBallot(opts.db, opts.ctx.accountId!, b))) throw notFound();
  const view = await publicView(opts.db, b);
  return { ...view, voterKey: b.voter_key, choice: b.choice, approvals: b.approvals ? b.approvals.map(Number) : null };
}

async function mayReadBallot(db: Db, accountId: number, b: ReceiptRow): Promise<boolean> {
  if (b.cast_by_account_id != null && Number(b.cast_by_account_id) === accountId) return true;
  const r = await db.query(
    `SELECT 1 FROM meeting_roster_units r JOIN bindings bd ON bd.account_id = $3 AND bd.status = 'approved' AND r.owner_ids @> ARRAY[bd.owner_id]
      WHERE r.meeting_id = $1 AND r.voter_key = $2 LIMIT 1`,
    [b.meeting_id, b.voter_key, accountId],
  );
  return r.rows.length > 0;
}

export const ballotStatusLabel = (s: string) => BALLOT_STATUS_LABELS[s as keyof typeof BALLOT_STATUS_LABELS] ?? s;
