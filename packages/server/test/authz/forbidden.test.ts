import { describe, expect, it } from 'vitest';
import { forbiddenIn, type Planted } from './forbidden.ts';
import { validIdNumber, type Principal } from './world.ts';

// Why: the matrix's forbidden-field check passes when it finds nothing, so this proves it does
// find each kind of forbidden data when it is there (and leaves alone what the rules allow):
// without it, a check that silently matched nothing would look the same as a clean platform.

const planted: Planted = {
  phones: new Map([['13912345678', 'owner XB7']]),
  secrets: new Map([['$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 'password hash of account 1']]),
  invitationCodes: new Map([['KXRT7PQM', 'invitation XA7']]),
  otherOwnerNames: new Map([['邻户XA7', 'neighbour owner XA7']]),
};
const me: Principal = { accountId: 9, grantId: 9, cookie: 'gz_session=tok3nVALUE', phone: '13700000001', ownerId: 1 };
const rules = (text: string, routeKey = 'GET /units', role: Parameters<typeof forbiddenIn>[0]['role'] = 'committee_member') =>
  forbiddenIn({ text, routeKey, role, me, planted }).map((f) => f.rule);

describe('forbidden-field check', () => {
  it('any role: a full phone is found, planted or not; a masked one is not', () => {
    expect(rules(JSON.stringify({ maskedPhone: '13912345678' }))).toEqual(['phone']);
    expect(rules(JSON.stringify({ holder: '15800001111' }))).toEqual(['phone']);
    expect(rules(JSON.stringify({ phoneMasked: '139****5678' }))).toEqual([]);
    // the caller's own full phone is no exception: every view masks it
    expect(rules(JSON.stringify({ phone: me.phone }))).toContain('phone');
  });

  it('any role: a full ID number is found except in the audited reveal', () => {
    const id = validIdNumber();
    expect(rules(JSON.stringify({ idNumber: id }))).toContain('id_number');
    expect(rules(JSON.stringify({ idNumber: id }), 'POST /owners/:id/reveal-id')).toEqual([]);
    expect(rules(JSON.stringify({ maskedIdNumber: `**************${id.slice(-4)}` }))).toEqual([]);
  });

  it('any role: password hashes, session tokens and fields named like secrets are found', () => {
    expect(rules(JSON.stringify({ x: planted.secrets.keys().next().value }))).toContain('secret');
    expect(rules(JSON.stringify({ x: 'tok3nVALUE' }))).toEqual(['secret']);
    expect(rules(JSON.stringify({ passwordHash: 'x' }))).toEqual(['secret_key_name']);
    // the demo's shared password is published on purpose (demo mode only)
    expect(rules(JSON.stringify({ password: 'Demo@2026' }), 'GET /demo/accounts')).toEqual([]);
  });

  it('invitation codes only in the issuer routes', () => {
    expect(rules(JSON.stringify({ code: 'KXRT7PQM' }), 'GET /bindings')).toEqual(['invitation_code']);
    expect(rules(JSON.stringify({ code: 'KXRT7PQM' }), 'GET /invitations')).toEqual([]);
  });

  it("owner: another owner's name is found; officials may see it", () => {
    expect(rules(JSON.stringify({ ownerName: '邻户XA7' }), 'GET /my/units', 'owner')).toEqual(['other_owner_name']);
    expect(rules(JSON.stringify({ ownerName: '邻户XA7' }), 'GET /owners', 'committee_member')).toEqual([]);
    expect(rules(JSON.stringify({ ownerName: '邻户XA7' }), 'POST /bindings/roster-match', 'owner')).toEqual([]);
  });
});
