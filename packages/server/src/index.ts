export { createApp, allRoutes } from './app.ts';
export { loadConfig, type Config } from './platform/config.ts';
export { createPool, withTx, withClient, type Pool, type Db } from './platform/db.ts';
export { migrate } from './platform/migrate.ts';
export { loadSecrets } from './platform/crypto.ts';
export { startEmbeddedDb, DataDirInUseError } from './platform/embedded-db.ts';
export { verifyAuditChain } from './platform/audit.ts';
export { ConsoleSender } from './platform/notify/sender.ts';
export type { AppDeps } from './platform/deps.ts';
