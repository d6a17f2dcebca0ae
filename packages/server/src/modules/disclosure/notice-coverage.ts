import type { NoticeCoverage } from '@gongzhi/contracts';
import { coverageBp } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { naturalOrder } from '../registry/query-helpers.ts';
import { COMMITTEE_ROLES } from './disclosure-party.ts';
import { loadNotice, type NoticeRow } from './notice-view.ts';

// Who has read a notice: the recipients (frozen at publication, plus owners bound later who opened
// it), overall and by building. An owner of units in two buildings counts in each building, once
// overall. The buildings listed are the audience's (all of the estate's unless it named some),
// with zeros where nobody is a recipient. Committee members are counted apart when the audience
// includes the committee.

export async function noticeCoverage(db: Db, o: { ctx: RequestContext; id: number }): Promise<NoticeCoverage & { notice: NoticeRow }> {
  const n = await loadNotice(db, o.ctx, o.id);
  const total = await db.query(
    `SELECT count(*)::int AS recipients, count(read_at)::int AS read FROM notice_recipients WHERE notice_id = $1`,
    [o.id],
  );
  const named = n.audience === 'buildings';
  const rows = await db.query(
    `SELECT b.id, b.name, count(r.account_id)::int AS recipients, count(r.read_at)::int AS read
       FROM buildings b
       LEFT JOIN notice_recipients r ON r.notice_id = $1 AND b.id = ANY(r.building_ids)
      WHERE b.estate_id = $2 AND (NOT $3 OR b.id = ANY($4::bigint[]))
      GROUP BY b.id, b.name
      ORDER BY ${naturalOrder('b.name')}, b.id`,
    [o.id, n.estate_id, named, n.building_ids],
  );
  const recipients = Number(total.rows[0].recipients);
  const read = Number(total.rows[0].read);
  const out: NoticeCoverage & { notice: NoticeRow } = {
    notice: n, recipients, read, readPctBp: coverageBp(read, recipients),
    buildings: rows.rows
      // an estate-wide notice lists every building; a building with nobody bound shows 0 of 0
      .map((b) => ({ buildingId: Number(b.id), name: String(b.name), recipients: b.recipients, read: b.read, readPctBp: coverageBp(b.read, b.recipients) })),
  };
  if (n.audience === 'estate' || n.audience === 'committee') {
    const c = await db.query(
      `SELECT count(*)::int AS recipients, count(r.read_at)::int AS read FROM notice_recipients r
        WHERE r.notice_id = $1 AND EXISTS (SELECT 1 FROM role_grants g WHERE g.account_id = r.account_id AND g.scope_kind = 'estate'
                                             AND g.scope_id = $2 AND g.role = ANY($3::text[]) AND g.revoked_at IS NULL)`,
      [o.id, n.estate_id, COMMITTEE_ROLES],
    );
    out.committee = { recipients: c.rows[0].recipients, read: c.rows[0].read };
  }
  return out;
}
