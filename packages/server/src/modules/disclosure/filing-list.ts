import type { FilingListQuery } from '@gongzhi/contracts';
import type { z } from 'zod';
import type { filingListQuery, filingPage, myFilingList } from '@gongzhi/contracts';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { Where } from '../registry/query-helpers.ts';
import { publisherKindOf } from './disclosure-party.ts';
import { FILING_SELECT, toFilingItem } from './filing-view.ts';

// Lists of filings. Officials see every version in their scope, newest period first; a draft
// only by its own party (its work in progress). Owners see what was published to them: the
// latest filed version per estate, party and period.

type Query = z.output<typeof filingListQuery>;

export async function listFilings(db: Db, o: { ctx: RequestContext; query: Query | FilingListQuery }): Promise<z.infer<typeof filingPage>> {
  const q = o.query as Query;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  const w = new Where().add('f.estate_id = ANY(?)', o.ctx.scope.estateIds).add(`(f.state <> 'draft' OR f.party = ?)`, publisherKindOf(o.ctx));
  if (q.estateId) w.add('f.estate_id = ?', q.estateId);
  if (q.periodKey) w.add('f.period_key = ?', q.periodKey);
  if (q.party) w.add('f.party = ?', q.party);
  if (q.state) w.add('f.state = ?', q.state);
  const filter = [...w.params];
  const r = await db.query(
    `SELECT * FROM (${FILING_SELECT} ${w.sql()}) x
      ORDER BY x.period_start DESC, x.estate_name, x.estate_id, x.party, x.version DESC
      LIMIT ${w.param(pageSize)} OFFSET ${w.param((page - 1) * pageSize)}`,
    w.params,
  );
  const c = await db.query(`SELECT count(*)::int AS n FROM disclosure_filings f ${w.sql()}`, filter);
  return { items: r.rows.map(toFilingItem), total: Number(c.rows[0].n) };
}

/** GET /my/filings: the packages published to the owner's estates. */
export async function listMyFilings(db: Db, o: { ctx: RequestContext }): Promise<z.infer<typeof myFilingList>> {
  const r = await db.query(
    `SELECT * FROM (${FILING_SELECT}
       WHERE f.estate_id = ANY($1) AND f.state <> 'draft'
         AND f.version = (SELECT max(g.version) FROM disclosure_filings g
                           WHERE g.estate_id = f.estate_id AND g.party = f.party AND g.period_key = f.period_key AND g.state <> 'draft')) x
      ORDER BY x.filed_at DESC, x.id DESC`,
    [o.ctx.scope.estateIds],
  );
  return {
    items: r.rows.map((x) => {
      const i = toFilingItem(x);
      return {
        id: i.id, estateId: i.estateId, estateName: i.estateName, party: i.party, partyLabel: i.partyLabel, partyName: i.partyName,
        periodKey: i.periodKey, periodLabel: i.periodLabel, version: i.version, state: i.state, stateLabel: i.stateLabel,
        filedAt: i.filedAt, noticeId: i.noticeId,
      };
    }),
  };
}
