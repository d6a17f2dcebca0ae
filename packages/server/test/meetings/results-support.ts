import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainBallots } from '../../src/modules/meetings/ballot-writer.ts';
import { withTx } from '../../src/platform/db.ts';
import type { TestApp } from '../support/test-app.ts';
import type { OpenedMeeting } from './support.ts';

// Helpers of the results tests: casting through the HTTP API, and running `gongzhi verify-meeting`
// as anyone would, on a file.

export type Vote = { itemId: number; choice?: 'yes' | 'no' | 'abstain'; approvals?: number[] };

export async function cast(t: TestApp, cookie: string, meetingId: number, votes: Vote[], voterKey?: string) {
  const res = await t.request({
    method: 'POST', url: `/api/v1/meetings/${meetingId}/ballots`, cookie,
    headers: { 'idempotency-key': crypto.randomUUID() }, body: { ...(voterKey ? { voterKey } : {}), votes },
  });
  if (res.statusCode !== 200) throw new Error(`cast failed ${res.statusCode}: ${res.body}`);
  return res.json();
}

/** A voting scene on the helper's estate (9 heads, units of 80.00 m² + 1.25 m² per unit in
 *  order): six owners online, the developer on paper (7 heads, 866.25 of 1042.50 m²: participation
 *  met); A changes their mind (the superseded ballot stays in the chain). */
export async function castScene(t: TestApp, m: OpenedMeeting): Promise<void> {
  const [matter, election] = m.itemIds as [number, number];
  const [c1, c2, c3] = m.candidateIds as [number, number, number];
  const plan: Array<[string, 'yes' | 'no' | 'abstain', number[]]> = [
    ['A', 'no', [c1]], ['B', 'yes', [c1, c2]], ['C', 'yes', [c1, c2]], ['E', 'yes', [c2]],
    ['G', 'abstain', [c2]], ['H', 'yes', [c1, c3]],
  ];
  // the developer's paper ballot as a confirmed paper ballot is chained (H2's writer, H3's path)
  await withTx(t.pool, (db) => chainBallots(db, m.meetingId, [
    { itemId: matter, voterKey: m.developer.voterKey, channel: 'paper', choice: 'no', castByOwnerId: m.developer.ownerId },
    { itemId: election, voterKey: m.developer.voterKey, channel: 'paper', approvals: [c1, c2], castByOwnerId: m.developer.ownerId },
  ]));
  for (const [name, choice, approvals] of plan) {
    const o = m.owner(name);
    await cast(t, o.cookie, m.meetingId, [{ itemId: matter, choice }, { itemId: election, approvals }], o.voterKey);
  }
  // A changes the matter vote: the first ballot becomes 'superseded'
  await cast(t, m.owner('A').cookie, m.meetingId, [{ itemId: matter, choice: 'yes' }], m.owner('A').voterKey);
}

const ROOT = path.resolve(import.meta.dirname, '../../../..');
export const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-results-'));

export function gongzhi(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

export function writeJson(name: string, value: unknown): string {
  const file = path.join(tmpDir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}
