import type { Role } from '@gongzhi/contracts';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { issueCode } from '../../src/platform/auth/one-time-code.ts';
import { sha256Hex } from '../../src/platform/crypto.ts';
import { withTx } from '../../src/platform/db.ts';
import { findPii, findPiiInText, XLSX_MIME } from '../support/pii-scan.ts';
import { ISSUED_ID_NUMBERS, TARGETS, type Fx, type Principal } from './world.ts';

// The matrix's role-aware field check: every 2xx answer of the matrix is searched for data the
// caller may not see, by planted values (known to be in the database, so a leak cannot hide
// behind a format) and by shape. The general personal-data scan of every answer and log line is
// test/support/pii-scan.ts (it runs on this app too); this one knows the role and the route.
//
// The rules (from PRODUCT.md "personal ID numbers are masked", ARCHITECTURE.md on ID numbers,
// sessions and one-time codes, and the registry's masking in modules/registry/present.ts):
// - phone: no full mobile number of anyone, to any role. There is no phone reveal: every view
//   masks phones (138****1234), the caller's own included (/auth/me shows phoneMasked).
// - id_number: no full ID number, except POST /owners/:id/reveal-id (owner.reveal_id, audited).
// - secret: no password hash, session token or its hash, one-time code hash, the ID-number keys
//   (encKey, macKey) or an owner's ID-number ciphertext or blind index; no JSON field named like
//   one (SECRET_KEY_NAMES) whatever its value.
// - invitation_code: an estate's planted invitation codes only in the issuer's own routes
//   (GET/POST /invitations, binding.review/invitation.issue holders in scope: the scope is the
//   matrix's marker check). An invitation code is a credential: whoever reads it can bind.
// - other_owner_name (owner role only): no name of another owner (a neighbour in the caller's own
//   building, any owner of another estate). OWNER_NAME_ALLOWED lists the routes where the product
//   shows one on purpose: only the echo of a roster-match request. Otherwise owners see parties
//   (物业服务企业, 业委会), committee members and conveners by their office, meeting rosters as
//   units, never another owner by name (ARCHITECTURE.md on the case timeline).

export type ForbiddenRule = 'phone' | 'id_number' | 'secret' | 'secret_key_name' | 'invitation_code' | 'other_owner_name';
export const FORBIDDEN_RULES: ForbiddenRule[] = ['phone', 'id_number', 'secret', 'secret_key_name', 'invitation_code', 'other_owner_name'];

/** The only route that answers a full ID number: the audited reveal. */
const ID_REVEAL = 'POST /owners/:id/reveal-id';
/** The issuer's routes, where an estate's invitation codes are shown (scope: the marker check). */
const INVITATION_ROUTES = new Set(['GET /invitations', 'POST /invitations']);
/** Routes where an owner is shown another owner's name by design, with the reason. */
const OWNER_NAME_ALLOWED = new Set<string>([
  // a roster-match request answers with the name the caller typed in it (with the unit and the
  // ID's last four); it stays pending until the estate reviews it
  'POST /bindings/roster-match',
]);
/** Fields of those names allowed on a route, with the reason. */
const SECRET_KEY_ALLOWED: Record<string, string[]> = {
  // demo mode only (404 otherwise): the demo city's one shared password, printed in the README
  // and on the login page, so that visitors can sign in as each role
  'GET /demo/accounts': ['password'],
};
/** JSON field names that carry secrets: never in an answer, whatever the value. */
const SECRET_KEY_NAMES = /^(password|passwordHash|password_hash|idHash|id_hash|tokenHash|token_hash|sessionToken|codeHash|code_hash|secret|secretKey|encKey|macKey|idNumberEnc|id_number_enc|idNumberHmac|id_number_hmac|idNumber_enc)$/i;

export interface Planted {
  /** value → whose (full phones of the fixture's people) */
  phones: Map<string, string>;
  /** value → what (hashes and key material) */
  secrets: Map<string, string>;
  invitationCodes: Map<string, string>;
  /** another owner's name → whose, for the owner role (owner A is the caller) */
  otherOwnerNames: Map<string, string>;
}

/** Reads the planted values back from the database (they are what a leak would show). */
export async function plant(fx: Fx): Promise<Planted> {
  const pool = fx.t.pool;
  const phones = new Map<string, string>();
  const secrets = new Map<string, string>();
  const invitationCodes = new Map<string, string>();
  const otherOwnerNames = new Map<string, string>();
  for (const t of TARGETS) {
    const s = fx.side[t];
    phones.set(s.ownerPhone, `owner ${s.marker}`);
    phones.set(s.otherOwnerPhone, `neighbour owner ${s.marker}`);
    invitationCodes.set(s.invitationCode, `invitation ${s.marker}`);
    otherOwnerNames.set(s.otherOwnerName, `neighbour owner ${s.marker}`);
    if (t !== 'own') otherOwnerNames.set(s.ownerName, `owner ${s.marker}`);
  }
  // a binding code for owner A's phone, on file as its hash only
  await withTx(pool, (db) => issueCode(db, fx.t.sender, { phone: fx.side.own.ownerPhone, purpose: 'binding', accountId: fx.login.id }));
  const acc = await pool.query(`SELECT id, phone, password_hash FROM accounts WHERE phone IS NOT NULL OR password_hash IS NOT NULL`);
  for (const r of acc.rows) {
    if (r.phone) phones.set(String(r.phone), `account ${r.id}`);
    if (r.password_hash) secrets.set(String(r.password_hash), `password hash of account ${r.id}`);
  }
  const own = await pool.query(`SELECT id, phone, id_number_enc, id_number_hmac FROM owners`);
  for (const r of own.rows) {
    if (r.phone) phones.set(String(r.phone), `owner ${r.id}`);
    if (r.id_number_enc) secrets.set(String(r.id_number_enc), `ID ciphertext of owner ${r.id}`);
    if (r.id_number_hmac) secrets.set(String(r.id_number_hmac), `ID blind index of owner ${r.id}`);
  }
  for (const r of (await pool.query(`SELECT id_hash FROM sessions`)).rows) secrets.set(String(r.id_hash), 'a session id hash');
  for (const r of (await pool.query(`SELECT code_hash FROM one_time_codes`)).rows) secrets.set(String(r.code_hash), 'a one-time code hash');
  for (const [name, key] of [['encKey', fx.t.secrets.encKey], ['macKey', fx.t.secrets.macKey]] as const) {
    secrets.set(key.toString('hex'), `${name} (hex)`);
    secrets.set(key.toString('base64'), `${name} (base64)`);
  }
  return { phones, secrets, invitationCodes, otherOwnerNames };
}

export interface ForbiddenFinding { rule: ForbiddenRule; detail: string }

const isXlsx = (res: LightMyRequestResponse) => String(res.headers['content-type'] ?? '').startsWith(XLSX_MIME);
const isPdf = (res: LightMyRequestResponse) => String(res.headers['content-type'] ?? '').startsWith('application/pdf');
const mask = (s: string) => `${s.slice(0, 3)}…${s.slice(-3)}`;

/** The text an answer shows: JSON or text as sent, xlsx by its cells; null for a PDF (its text
 *  is scanned by pii-scan.ts where the generator is given it; the matrix does not parse PDFs). */
export async function answerText(res: LightMyRequestResponse): Promise<string | null> {
  if (isPdf(res)) return null;
  if (!isXlsx(res)) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => { cells.push(cell.text ?? ''); })));
  return cells.join('\n');
}

function secretKeyNames(text: string): string[] {
  if (!text.trimStart().startsWith('{') && !text.trimStart().startsWith('[')) return [];
  let json: unknown;
  try { json = JSON.parse(text); } catch { return []; }
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (SECRET_KEY_NAMES.test(k)) found.push(k);
        walk(x);
      }
    }
  };
  walk(json);
  return found;
}

/** Everything in `text` (an answer to `role` on `routeKey`) that the caller may not see. */
export function forbiddenIn(o: { text: string; routeKey: string; role: Role | 'anonymous'; me: Principal | null; planted: Planted }): ForbiddenFinding[] {
  const { text, routeKey, role, me, planted } = o;
  const out: ForbiddenFinding[] = [];
  // phones: the planted ones wherever they stand, and anything shaped like a mobile number
  const seen = new Set<string>();
  for (const m of text.matchAll(/1[3-9]\d{9}/g)) {
    const whose = planted.phones.get(m[0]) ?? (me && m[0] === me.phone ? 'the caller' : undefined);
    if (whose && !seen.has(m[0])) { seen.add(m[0]); out.push({ rule: 'phone', detail: `full phone of ${whose} (${mask(m[0])})` }); }
  }
  for (const h of findPiiInText(text)) {
    if (h.kind === 'mobile' && ![...seen].some((p) => h.masked === `${p.slice(0, 3)}****${p.slice(-4)}`)) {
      out.push({ rule: 'phone', detail: `a full mobile number (${h.masked}): ${h.excerpt}` });
    }
    if (h.kind !== 'mobile' && routeKey !== ID_REVEAL) out.push({ rule: 'id_number', detail: `a full ID number (${h.masked})` });
  }
  if (routeKey !== ID_REVEAL) {
    for (const m of text.matchAll(/\d{17}[\dXx]/g)) {
      if (ISSUED_ID_NUMBERS.has(m[0]) && !findPii(m[0]).length) out.push({ rule: 'id_number', detail: `a planted ID number (${mask(m[0])})` });
    }
  }
  for (const [value, what] of planted.secrets) if (text.includes(value)) out.push({ rule: 'secret', detail: what });
  if (me) {
    const token = me.cookie.split('=')[1] ?? '';
    if (token && text.includes(token)) out.push({ rule: 'secret', detail: "the caller's session token" });
    if (token && text.includes(sha256Hex(token))) out.push({ rule: 'secret', detail: "the caller's session id hash" });
  }
  if (text.includes('$argon2')) out.push({ rule: 'secret', detail: 'an argon2 password hash' });
  for (const k of secretKeyNames(text)) if (!SECRET_KEY_ALLOWED[routeKey]?.includes(k)) out.push({ rule: 'secret_key_name', detail: `a field named ${k}` });
  if (!INVITATION_ROUTES.has(routeKey)) {
    for (const [code, what] of planted.invitationCodes) if (text.includes(code)) out.push({ rule: 'invitation_code', detail: what });
  }
  if (role === 'owner' && !OWNER_NAME_ALLOWED.has(routeKey)) {
    for (const [name, whose] of planted.otherOwnerNames) if (text.includes(name)) out.push({ rule: 'other_owner_name', detail: `the name of ${whose}` });
  }
  return out;
}
