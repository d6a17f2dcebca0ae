import type { Role } from '@gongzhi/contracts';
import { publishSystemNotice } from '../../src/modules/disclosure/index.ts';
import { SYSTEM_ACTOR } from '../../src/modules/meetings/index.ts';
import { withTx } from '../../src/platform/db.ts';
import {
  boundOwner, createBuilding, createCommittee, createCompany, createEstate, createRegionTree, createServiceContract, createUnit,
  signedInAs,
} from '../support/factories.ts';
import { apiAs, type Signed } from '../support/api.ts';
import type { TestApp } from '../support/test-app.ts';

// A world for the question tests: estate A (community A) with 3栋 and 12栋, two bound owners, its
// committee chair, the serving company's manager, the community officer of community A and one of
// another community; estate B (another community) with its own owner.

export type { Signed };

export interface QuestionWorld {
  a: { estateId: number; communityId: number; buildings: { b3: number; b12: number }; units: { u3: number; u12: number } };
  b: { estateId: number };
  owner3: Signed; owner12: Signed; ownerB: Signed;
  chair: Signed; manager: Signed; community: Signed; otherCommunity: Signed; street: Signed;
}

export async function questionWorld(t: TestApp): Promise<QuestionWorld> {
  const ra = await createRegionTree(t.pool, { names: { community: '翠竹社区' } });
  const rb = await createRegionTree(t.pool, { cityId: ra.cityId, names: { community: '他区社区' } });
  const estateA = await createEstate(t.pool, { communityId: ra.communityId, name: '问答苑' });
  const estateB = await createEstate(t.pool, { communityId: rb.communityId, name: '别家苑' });
  const b3 = await createBuilding(t.pool, { estateId: estateA, name: '3栋' });
  const b12 = await createBuilding(t.pool, { estateId: estateA, name: '12栋' });
  const u3 = await createUnit(t.pool, { estateId: estateA, buildingId: b3, number: '301' });
  const u12 = await createUnit(t.pool, { estateId: estateA, buildingId: b12, number: '1201' });
  const bb = await createBuilding(t.pool, { estateId: estateB, name: '1栋' });
  const ub = await createUnit(t.pool, { estateId: estateB, buildingId: bb, number: '101' });
  const companyId = await createCompany(t.pool, { name: '问答物业有限公司' });
  await createServiceContract(t.pool, { companyId, estateId: estateA });
  await createCommittee(t.pool, { estateId: estateA, name: '问答苑第一届业主委员会' });
  const as = (role: Role, scopeId: number) => signedInAs(t, { role, scopeId });
  return {
    a: { estateId: estateA, communityId: ra.communityId, buildings: { b3, b12 }, units: { u3, u12 } },
    b: { estateId: estateB },
    owner3: await boundOwner(t, { estateId: estateA, unitIds: [u3] }),
    owner12: await boundOwner(t, { estateId: estateA, unitIds: [u12] }),
    ownerB: await boundOwner(t, { estateId: estateB, unitIds: [ub] }),
    chair: await as('committee_chair', estateA),
    manager: await as('property_manager', companyId),
    community: await as('community_officer', ra.communityId),
    otherCommunity: await as('community_officer', rb.communityId),
    street: await as('street_officer', ra.streetId),
  };
}

/** A published notice (through the module's own publication) of `estateId`. */
export async function publishedNotice(t: TestApp, estateId: number, o: { title?: string; publisherKind?: 'company' | 'committee' | 'street_office'; buildingIds?: number[] } = {}): Promise<number> {
  return withTx(t.pool, async (db) => (await publishSystemNotice(db, {
    estateId, kind: 'notice', title: o.title ?? '停水通知', body: '明日 9:00–12:00 停水。',
    audience: o.buildingIds ? 'buildings' : 'owners', buildingIds: o.buildingIds,
    publisherKind: o.publisherKind ?? 'committee', publisherName: '发布单位', actor: SYSTEM_ACTOR, inbox: false,
  })).noticeId);
}

/** A draft notice (never published). */
export async function draftNotice(t: TestApp, estateId: number): Promise<number> {
  const r = await t.pool.query(
    `INSERT INTO notices (estate_id, kind, title, body, audience, publisher_kind, publisher_name) VALUES ($1, 'notice', '草稿', '草稿', 'owners', 'committee', '业委会') RETURNING id`,
    [estateId],
  );
  return Number(r.rows[0].id);
}

/** Time passes: the question's due moment moves into the past (the table's guard keeps due_at
 *  fixed for everyone else, so the test steps around it in its own transaction). */
export async function makeOverdue(t: TestApp, questionId: number): Promise<void> {
  await withTx(t.pool, async (db) => {
    await db.query(`SET LOCAL session_replication_role = replica`);
    await db.query(`UPDATE disclosure_questions SET asked_at = now() - interval '8 days', due_at = now() - interval '1 hour' WHERE id = $1`, [questionId]);
    await db.query(`UPDATE jobs SET run_at = now() - interval '1 hour' WHERE kind = 'disclosure.question_due' AND payload->>'questionId' = $1`, [String(questionId)]);
  });
}

export const api = apiAs;
