import crypto from 'node:crypto';
import { withTx, type Pool } from '../../src/platform/db.ts';
import { enqueueJob } from '../../src/platform/jobs/index.ts';
import { freezeRoster, jobKeys, rosterHouseholdCount } from '../../src/modules/meetings/index.ts';
import { QUESTION_DUE_JOB } from '../../src/modules/disclosure/question-ask.ts';
import { REVIEW_DUE_JOB, reviewDueJobKey } from '../../src/modules/funds/start-review.ts';

// Many durable jobs of every deadline kind made due at the same moment, in one transaction, on
// the demo city while two instances poll the jobs table: meetings whose voting window has just
// ended (meeting.close, then the meeting.tally each close schedules), owners' questions past their
// reply deadline (disclosure.question_due), a fund application's review deadline passed — with
// duplicate jobs for it, so the effect must still happen once (fund.review_due), the daily
// filings check (disclosure.filings_check), and running cases past their deadline for the
// sweeper (cases.sweep). Returns what was made due so the test can count the effects.

export interface DueWork {
  since: Date;
  meetingIds: number[];
  questionIds: number[];
  applicationId: number;
  caseIds: number[];
  /** the ids of every job made due here (the tallies are scheduled later, by the closes) */
  jobIds: number[];
}

export async function makeJobsDue(pool: Pool, o: { meetings: number; questions: number; fundDuplicates: number }): Promise<DueWork> {
  const since = new Date((await pool.query('SELECT now() AS t')).rows[0].t);
  return withTx(pool, async (db) => {
    const e = (await db.query(
      `SELECT e.id, e.developer_id, (SELECT a.id FROM accounts a WHERE a.username = 'chair') AS chair FROM estates e WHERE e.name = '翠竹苑'`,
    )).rows[0];
    const estateId = Number(e.id);
    const households = await rosterHouseholdCount(db, estateId);
    const jobIds: number[] = [];
    const add = (id: number | null) => { if (id === null) throw new Error('job not scheduled (dedupe key taken)'); jobIds.push(id); };

    // meetings in voting_open whose window closed a second ago
    const meetingIds: number[] = [];
    for (let i = 0; i < o.meetings; i++) {
      const m = await db.query(
        `INSERT INTO meetings (estate_id, title, convener_kind, convener_name, rules, household_count, state, voting_opens_at,
           voting_closes_at, notice_published_at, notice_published_on, developer_owner_id, pseudonym_salt, created_by)
         VALUES ($1, $2, 'committee', '翠竹苑业主委员会', 'civil-code-2021', $3, 'voting_open', now() - interval '2 hours',
           now() - interval '1 second', now() - interval '16 days', (now() - interval '16 days')::date, $4, $5, $6)
         RETURNING id, voting_closes_at`,
        [estateId, `多实例测试会议 ${i + 1}`, households, e.developer_id, crypto.randomBytes(32).toString('hex'), e.chair],
      );
      const id = Number(m.rows[0].id);
      await db.query(`INSERT INTO meeting_items (meeting_id, position, kind, matter, title) VALUES ($1, 1, 'matter', 4, '续聘物业服务企业')`, [id]);
      await freezeRoster(db, { meetingId: id, estateId, developerOwnerId: e.developer_id === null ? null : Number(e.developer_id) });
      add(await enqueueJob(db, { kind: 'meeting.close', payload: { meetingId: id }, dedupeKey: jobKeys.close(id, m.rows[0].voting_closes_at) }));
      meetingIds.push(id);
    }

    // open questions past their reply deadline: copies of the demo's open question
    const q = await db.query(
      `INSERT INTO disclosure_questions (estate_id, subject_type, subject_id, subject_title, responsible, asked_by, asker_label, body, asked_at, due_at)
       SELECT estate_id, subject_type, subject_id, subject_title, responsible, asked_by, asker_label, body || '（' || n || '）',
              now() - interval '8 days', now() - interval '1 minute'
         FROM disclosure_questions, generate_series(1, $1) n
        WHERE id = (SELECT min(id) FROM disclosure_questions WHERE state = 'open')
       RETURNING id`,
      [o.questions],
    );
    const questionIds = q.rows.map((r) => Number(r.id));
    for (const id of questionIds) add(await enqueueJob(db, { kind: QUESTION_DUE_JOB, payload: { questionId: id }, dedupeKey: `${QUESTION_DUE_JOB}:${id}` }));

    // the application under the district's review within its deadline: the deadline is now past,
    // and its job is there several times over (as after a re-scheduling bug): one effect only
    const a = await db.query(
      `UPDATE fund_applications SET review_due_on = (now() AT TIME ZONE 'Asia/Shanghai')::date - 3
        WHERE id = (SELECT min(id) FROM fund_applications WHERE state = 'under_review' AND NOT review_overdue) RETURNING id, review_due_on`,
    );
    const applicationId = Number(a.rows[0].id);
    const dueOn = String(a.rows[0].review_due_on);
    for (let k = 0; k < o.fundDuplicates; k++) {
      add(await enqueueJob(db, {
        kind: REVIEW_DUE_JOB, payload: { applicationId, dueOn }, dedupeKey: `${reviewDueJobKey(applicationId, dueOn)}:multi:${k}`,
      }));
    }

    // every running case past its deadline, and the sweeper and the filings check due now
    const c = await db.query(
      `UPDATE cases SET next_due_at = now() - interval '1 minute' WHERE state IN ('open', 'in_progress') RETURNING id`,
    );
    const caseIds = c.rows.map((r) => Number(r.id));
    const moved = await db.query(
      `UPDATE jobs SET run_at = now() WHERE status = 'pending' AND kind IN ('cases.sweep', 'disclosure.filings_check') RETURNING id, kind`,
    );
    if (!moved.rows.some((r) => r.kind === 'cases.sweep')) throw new Error('no pending cases.sweep job');
    jobIds.push(...moved.rows.map((r) => Number(r.id)));
    return { since, meetingIds, questionIds, applicationId, caseIds, jobIds };
  });
}
