import type { Config } from './config.ts';
import type { Pool } from './db.ts';
import type { Secrets } from './crypto.ts';
import type { MessageSender } from './notify/sender.ts';
import type { VersionedCache } from './read-cache.ts';

/** What the app is built from; tests build the same thing against their own database. */
export interface AppDeps {
  pool: Pool;
  config: Config;
  secrets: Secrets;
  /** SMS and e-mail delivery; the console in development */
  sender: MessageSender;
  /** hot reads served while the registry version is unchanged; createApp makes one per app */
  readCache?: VersionedCache;
  /** where the HTTP log goes instead of stdout (tests scan it); production leaves it unset */
  logStream?: { write(line: string): void };
}
