import crypto from 'node:crypto';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { loadSecrets } from '../../src/platform/crypto.ts';
import { createPool } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { ConsoleSender } from '../../src/platform/notify/sender.ts';
import { caseWorld } from '../cases/case-fixture.ts';
import { noticeWorld } from '../disclosure/notice-fixture.ts';
import { ledgerWorld } from '../funds/ledger-fixture.ts';
import { openMeeting } from '../meetings/support.ts';
import type { TestApp } from '../support/test-app.ts';
import type { LoadWorld } from './crash-load.ts';

// The crash harness's data, written into its own cluster before the real server starts: the
// existing fixtures of the module tests (an open meeting with seven bound owners, a fund ledger,
// a case estate, a notice estate), built through the real app in-process on that cluster. Much
// faster than the demo city (a minute of seeding on a loaded machine) and the same routes.
// The sessions are rows in PostgreSQL, so the spawned server accepts them.

export async function buildCrashWorld(opts: { databaseUrl: string; appDataDir: string }): Promise<LoadWorld> {
  const pool = createPool(opts.databaseUrl, 5);
  try {
    await migrate(pool);
    // the same secrets file the spawned server will load from its data directory
    const secrets = loadSecrets(opts.appDataDir);
    const config = loadConfig({}, { logLevel: 'silent', trustProxy: true, dataDir: opts.appDataDir });
    const app = await createApp({ pool, config, secrets, sender: new ConsoleSender(false) });
    await app.ready();
    const t: TestApp = {
      app, pool, config, secrets, sender: new ConsoleSender(false), databaseUrl: opts.databaseUrl,
      request: ({ method, url, body, cookie, headers }) => app.inject({
        method: method as never, url, payload: body === undefined ? undefined : (body as object),
        headers: { ...(cookie ? { cookie } : {}), 'x-forwarded-for': `10.9.${crypto.randomInt(255)}.${crypto.randomInt(255)}`, ...headers },
      }),
    };
    try {
      const m = await openMeeting(t, { allowChange: true });
      const l = await ledgerWorld(t);
      const c = await caseWorld(t);
      const n = await noticeWorld(t);
      return {
        meeting: { id: m.meetingId, itemIds: m.itemIds, candidateIds: m.candidateIds, owners: m.owners },
        funds: { estateId: l.a.estateId, unitIds: l.a.unitIds, district: l.a.district },
        cases: { owner: c.owner3, unitId: c.a.u3, staff: c.staff },
        notices: { estateId: n.a.estateId, chair: n.a.committee },
      };
    } finally {
      await app.close();
    }
  } finally {
    await pool.end();
  }
}
