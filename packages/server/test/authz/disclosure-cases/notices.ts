import type { Role } from '@gongzhi/contracts';
import { publishSystemNotice } from '../../../src/modules/disclosure/index.ts';
import { SYSTEM_ACTOR } from '../../../src/modules/meetings/index.ts';
import { withTx } from '../../../src/platform/db.ts';
import type { CaseArgs, RouteCase } from '../route-cases.ts';
import { bindCaller } from '../meeting-cases/bind-caller.ts';

// Authorisation-matrix cases for the disclosure module's notices routes (issue 5, D1). Each case
// makes a fresh notice on the target side, written by the body the caller's role speaks for (a
// draft exists only for its publisher kind; actions are its publisher's), titled with the side's
// marker so an allowed answer can be checked to show the target.

const KIND: Partial<Record<Role, 'company' | 'committee' | 'community' | 'street_office' | 'district'>> = {
  committee_member: 'committee', committee_chair: 'committee', committee_secretary: 'committee',
  property_staff: 'company', property_manager: 'company',
  community_officer: 'community', street_officer: 'street_office', district_officer: 'district',
};

const roleOf = async (a: CaseArgs): Promise<Role> => {
  const r = await a.fx.t.pool.query('SELECT role FROM role_grants WHERE id = $1', [a.me.grantId]);
  return r.rows[0].role as Role;
};

/** A notice on the target side by the caller's body (the committee's for roles that publish none). */
async function noticeIn(a: CaseArgs, state: 'draft' | 'published'): Promise<number> {
  const kind = KIND[await roleOf(a)] ?? 'committee';
  const title = `${a.side.marker}停水通知`;
  if (state === 'published') {
    const out = await withTx(a.fx.t.pool, (db) => publishSystemNotice(db, {
      estateId: a.side.estateId, kind: 'notice', title, body: '明日停水', audience: 'estate',
      publisherKind: kind, publisherName: `发布单位${a.side.marker}`, actor: SYSTEM_ACTOR, inbox: false,
    }));
    return out.noticeId;
  }
  const r = await a.fx.t.pool.query(
    `INSERT INTO notices (estate_id, kind, title, body, audience, publisher_kind, publisher_name)
     VALUES ($1, 'notice', $2, '明日停水', 'owners', $3, $4) RETURNING id`,
    [a.side.estateId, title, kind, `发布单位${a.side.marker}`],
  );
  return Number(r.rows[0].id);
}

const draft = (a: CaseArgs) => noticeIn(a, 'draft');
const published = (a: CaseArgs) => noticeIn(a, 'published');

export const NOTICES_CASES: Record<string, RouteCase> = {
  'POST /estates/:id/notices': {
    scope: 'estate', shows: 'target',
    build: (a) => ({ url: `/estates/${a.side.estateId}/notices`, body: { kind: 'notice', title: `${a.side.marker}电梯检修`, body: '周三检修', audience: 'owners' } }),
  },
  'PATCH /notices/:id': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/notices/${await draft(a)}`, body: { title: `${a.side.marker}停水通知（修订）` } }),
  },
  'DELETE /notices/:id': { scope: 'estate', build: async (a) => ({ url: `/notices/${await draft(a)}` }) },
  'POST /notices/:id/publish': { scope: 'estate', build: async (a) => ({ url: `/notices/${await draft(a)}/publish`, body: {} }) },
  'POST /notices/:id/withdraw': {
    scope: 'estate', build: async (a) => ({ url: `/notices/${await published(a)}/withdraw`, body: { reason: '发布有误' } }),
  },
  'POST /notices/:id/correct': {
    scope: 'estate', shows: 'target',
    build: async (a) => ({ url: `/notices/${await published(a)}/correct`, body: { title: `${a.side.marker}停水通知（更正）`, body: '改为后天停水', reason: '日期有误' } }),
  },
  'POST /notices/:id/pin': { scope: 'estate', build: async (a) => ({ url: `/notices/${await published(a)}/pin`, body: { pinned: true } }) },
  'POST /notices/:id/remind': { scope: 'estate', build: async (a) => ({ url: `/notices/${await published(a)}/remind`, body: {} }) },
  'GET /notices': {
    scope: 'estate', list: true, shows: 'target',
    build: async (a) => { await published(a); return { url: `/notices?estateId=${a.side.estateId}` }; },
  },
  'GET /notices/:id': { scope: 'estate', shows: 'target', build: async (a) => ({ url: `/notices/${await published(a)}` }) },
  'GET /notices/:id/coverage': { scope: 'estate', shows: 'target', build: async (a) => ({ url: `/notices/${await published(a)}/coverage` }) },
  'GET /notices/:id/coverage.xlsx': { scope: 'estate', build: async (a) => ({ url: `/notices/${await published(a)}/coverage.xlsx` }) },
  'GET /my/notices': {
    scope: 'self', list: true, shows: 'target',
    build: async (a) => { await bindCaller(a); await published(a); return { url: `/my/notices?estateId=${a.side.estateId}` }; },
  },
  // who owns a unit reads what is addressed to it, whatever role is active (as /my/meetings):
  // the caller is bound on the own side; a foreign estate's notice is never theirs
  'GET /my/notices/:id': {
    scope: 'self', shows: 'target',
    build: async (a) => { await bindCaller(a); return { url: `/my/notices/${await published(a)}` }; },
  },
};
