import type { Role } from '@gongzhi/contracts';
import { ROLE_SCOPE } from '@gongzhi/contracts';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/session.ts';
import { withTx, type Pool } from '../../src/platform/db.ts';

// Small factories for the services tests: a city with two estates in two communities, accounts
// holding one role each, and a signed-in session cookie per account. Written straight to SQL so
// these tests do not depend on the identity module's routes.

export interface World {
  cityId: number;
  communityA: number;
  communityB: number;
  estateA: number;
  estateB: number;
  unitA1: number;
  unitA2: number;
  unitB1: number;
}

let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createWorld(pool: Pool): Promise<World> {
  return withTx(pool, async (db) => {
    const region = async (parent: number | null, level: string, name: string, parentPath: string) => {
      const r = await db.query(
        `INSERT INTO regions (parent_id, level, name, code, path) VALUES ($1, $2, $3, $4, '') RETURNING id`,
        [parent, level, name, `R${uniq()}`],
      );
      const id = Number(r.rows[0].id);
      const path = `${parentPath}${id}/`;
      await db.query('UPDATE regions SET path = $2 WHERE id = $1', [id, path]);
      return { id, path };
    };
    const city = await region(null, 'city', '测试市', '/');
    const district = await region(city.id, 'district', '一区', city.path);
    const street = await region(district.id, 'street', '一街道', district.path);
    const commA = await region(street.id, 'community', '甲社区', street.path);
    const commB = await region(street.id, 'community', '乙社区', street.path);
    const estate = async (community: number, name: string) => {
      const e = await db.query(`INSERT INTO estates (community_id, name, code) VALUES ($1, $2, $3) RETURNING id`, [community, name, `E${uniq()}`]);
      const estateId = Number(e.rows[0].id);
      const b = await db.query(`INSERT INTO buildings (estate_id, name) VALUES ($1, '1栋') RETURNING id`, [estateId]);
      const units: number[] = [];
      for (const n of ['101', '102']) {
        const u = await db.query(
          `INSERT INTO units (estate_id, building_id, number, area_centi, area_source, kind, status)
           VALUES ($1, $2, $3, 8850, 'registry', 'residential', 'sold') RETURNING id`,
          [estateId, b.rows[0].id, n],
        );
        units.push(Number(u.rows[0].id));
      }
      return { estateId, units };
    };
    const a = await estate(commA.id, '甲小区');
    const b = await estate(commB.id, '乙小区');
    return {
      cityId: city.id, communityA: commA.id, communityB: commB.id,
      estateA: a.estateId, estateB: b.estateId, unitA1: a.units[0], unitA2: a.units[1], unitB1: b.units[0],
    };
  });
}

export interface Actor {
  accountId: number;
  cookie: string;
}

/** An account holding one role in one scope (estate id, region id, or for owners the units it
 *  is bound to), signed in with that role active. */
export async function signIn(
  pool: Pool,
  opts: { role: Role; scopeId?: number | null; units?: { unitId: number; estateId: number }[]; name?: string },
): Promise<Actor> {
  return withTx(pool, async (db) => {
    const acc = await db.query(
      `INSERT INTO accounts (username, display_name) VALUES ($1, $2) RETURNING id`,
      [`u${uniq()}`, opts.name ?? opts.role],
    );
    const accountId = Number(acc.rows[0].id);
    const scopeKind = ROLE_SCOPE[opts.role];
    const g = await db.query(
      `INSERT INTO role_grants (account_id, role, scope_kind, scope_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [accountId, opts.role, scopeKind, scopeKind === 'owner' ? null : (opts.scopeId ?? null)],
    );
    for (const u of opts.units ?? []) {
      const o = await db.query(`INSERT INTO owners (kind, name) VALUES ('person', $1) RETURNING id`, [opts.name ?? '业主']);
      await db.query(
        `INSERT INTO bindings (account_id, unit_id, owner_id, estate_id, method, status)
         VALUES ($1, $2, $3, $4, 'invitation', 'approved')`,
        [accountId, u.unitId, o.rows[0].id, u.estateId],
      );
    }
    const s = await createSession(db, { accountId, activeGrantId: Number(g.rows[0].id), mfaPassed: true, ip: '127.0.0.1' });
    return { accountId, cookie: `${SESSION_COOKIE}=${s.token}` };
  });
}
