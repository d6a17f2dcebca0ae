import path from 'node:path';

// All configuration comes from the environment, read once here. Nothing else reads process.env.
export interface Config {
  databaseUrl?: string; // absent: the CLI starts an embedded PostgreSQL
  port: number;
  host: string;
  dataDir: string; // embedded database, attachments, secret key
  demo: boolean; // list demo accounts on the login page
  secureCookies: boolean;
  /** roles that must pass a one-time code after the password: 'officials', 'money' (committee roles handling money) */
  mfaFor: { officials: boolean; money: boolean };
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginLockThreshold: number;
  loginLockMs: number;
  maxUploadBytes: number;
  /** serve the built web app from this folder if it exists */
  webDistDir: string;
  logLevel: string;
  /** trust X-Forwarded-For (only behind a reverse proxy that sets it; otherwise clients could fake their address) */
  trustProxy: boolean;
  /** origins besides the app's own that may send state-changing requests (GONGZHI_ALLOWED_ORIGINS, comma-separated; see platform/csrf.ts) */
  allowedOrigins: string[];
  /** most casts written in one transaction by the cast group commit; 1 = one transaction per cast (for comparison) */
  castBatchMax: number;
  /** names this server in jobs.ran_by and the job logs (GONGZHI_INSTANCE_ID); absent: host:pid */
  instanceId?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const root = path.resolve(import.meta.dirname, '../../../..');
  const mfa = (env.GONGZHI_MFA ?? '').split(',').map((s) => s.trim());
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.GONGZHI_DATA_DIR ?? path.join(root, 'data')),
    demo: (env.GONGZHI_DEMO ?? '1') !== '0',
    secureCookies: env.GONGZHI_SECURE_COOKIES === '1',
    mfaFor: { officials: mfa.includes('officials'), money: mfa.includes('money') },
    sessionIdleMs: 30 * 60 * 1000,
    sessionAbsoluteMs: 12 * 60 * 60 * 1000,
    loginLockThreshold: 5,
    loginLockMs: 15 * 60 * 1000,
    maxUploadBytes: 10 * 1024 * 1024,
    webDistDir: path.join(root, 'packages/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.GONGZHI_TRUST_PROXY === '1',
    allowedOrigins: (env.GONGZHI_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    castBatchMax: Math.max(1, Number(env.GONGZHI_CAST_BATCH_MAX ?? 256) || 256),
    instanceId: env.GONGZHI_INSTANCE_ID || undefined,
    ...overrides,
  };
}
