import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// ID numbers are encrypted with a key kept OUTSIDE the database: GONGZHI_SECRET_KEY (64 hex chars)
// or, failing that, data/secret.key created on first start. A dump of the database alone
// reveals no ID number.
export interface Secrets {
  encKey: Buffer; // AES-256-GCM
  macKey: Buffer; // HMAC-SHA256 blind index for matching
}

export function loadSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Secrets {
  let master = env.GONGZHI_SECRET_KEY;
  if (!master) {
    const file = path.join(dataDir, 'secret.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    }
    master = fs.readFileSync(file, 'utf8').trim();
  }
  if (!/^[0-9a-f]{64}$/i.test(master)) throw new Error('GONGZHI_SECRET_KEY must be 64 hex characters');
  const m = Buffer.from(master, 'hex');
  const derive = (label: string) => crypto.createHmac('sha256', m).update(label).digest();
  return { encKey: derive('gongzhi/id-number/enc'), macKey: derive('gongzhi/id-number/mac') };
}

export function encryptIdNumber(secrets: Secrets, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', secrets.encKey, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

export function decryptIdNumber(secrets: Secrets, sealed: string): string {
  const [v, iv, tag, body] = sealed.split(':');
  if (v !== 'v1') throw new Error('unknown ciphertext version');
  const d = crypto.createDecipheriv('aes-256-gcm', secrets.encKey, Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
}

export function idNumberHmac(secrets: Secrets, plain: string): string {
  return crypto.createHmac('sha256', secrets.macKey).update(plain.toUpperCase()).digest('hex');
}

/** Only the last four characters are ever shown. */
export function maskIdNumber(last4: string | null | undefined): string {
  return last4 ? `**************${last4}` : '';
}

export const sha256Hex = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
