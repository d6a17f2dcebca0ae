import crypto from 'node:crypto';
import type autocannon from 'autocannon';
import type { BenchMeeting, Voter } from './meeting-estate.ts';

// The two request kinds of the casting benchmarks (bench/ballot-cast.ts, ballot-cast-instances.ts):
// a real new ballot per request — the next owner, spreading over the meetings so no owner casts
// twice in one meeting — and the baseline's bare durable INSERT with a body of the same shape.

const CHOICES = ['yes', 'yes', 'yes', 'no', 'abstain'] as const;

export interface CastLoad {
  cast: autocannon.Request;
  insert: autocannon.Request;
  /** casts sent so far (the benches count the measured ones by difference) */
  sent(): number;
  /** the first few non-2xx answers to casts, for the report */
  failures: { status: number; body: string }[];
}

export function castLoad(voters: Voter[], meetings: BenchMeeting[]): CastLoad {
  let n = 0;
  let k = 0;
  const failures: { status: number; body: string }[] = [];
  const cast: autocannon.Request = {
    method: 'POST',
    setupRequest: (req: autocannon.Request) => {
      const i = n++;
      const v = voters[i % voters.length]!;
      const m = meetings[Math.floor(i / voters.length) % meetings.length]!;
      return {
        ...req,
        path: `/api/v1/meetings/${m.meetingId}/ballots`,
        headers: { 'content-type': 'application/json', cookie: v.cookie, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ voterKey: v.voterKey, votes: [{ itemId: m.matterItemId, choice: CHOICES[i % CHOICES.length] }] }),
      };
    },
    onResponse: (status: number, body: string) => {
      if ((status < 200 || status >= 300) && failures.length < 5) failures.push({ status, body: body.slice(0, 300) });
    },
  };
  const insert: autocannon.Request = {
    method: 'POST',
    path: '/insert',
    setupRequest: (req: autocannon.Request) => {
      const i = k++;
      return {
        ...req,
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ voterKey: `o${i}`, votes: [{ itemId: 1, choice: CHOICES[i % CHOICES.length] }] }),
      };
    },
  };
  return { cast, insert, sent: () => n, failures };
}
