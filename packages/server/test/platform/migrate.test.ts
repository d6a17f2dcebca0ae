import { describe, expect, it } from 'vitest';
import { migrate, unsupportedVersionMessage } from '../../src/platform/migrate.ts';
import { createTestApp } from '../support/test-app.ts';

describe('migrations', () => {
  it('anyone: PostgreSQL older than 15 is refused with a message naming the version', () => {
    expect(unsupportedVersionMessage(140011)).toContain('PostgreSQL 14');
    expect(unsupportedVersionMessage(149999)).toContain('15');
    expect(unsupportedVersionMessage(150000)).toBeNull();
    expect(unsupportedVersionMessage(170004)).toBeNull();
  });

  it('anyone: migrating an up-to-date database applies nothing and changes nothing', async () => {
    const t = await createTestApp();
    const before = await t.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(await migrate(t.pool)).toEqual([]);
    const after = await t.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
