import { MEETING_PROFILE_RULES, objectionPeriodEndsOn, type MeetingAction } from '@gongzhi/domain';
import type { RequestContext } from '../../platform/auth/context.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { assertApprovable } from './approve-meeting.ts';
import { actorFor } from './meeting-actor.ts';
import { endOfLocalDay, localDate } from './meeting-dates.ts';
import { findMeetingUnsafe } from './meeting-repository.ts';
import { jobKeys, publishNotice } from './publish-notice.ts';
import { SYSTEM_ACTOR, transitionMeeting, type TransitionOutcome } from './transition-meeting.ts';

// The steps a person takes through the API: scope (404), who they are for this meeting (the
// domain's ActorKind), then the transition with the step's own checks.

export type PersonAction = 'submit' | 'approve' | 'reject' | 'publish_notice' | 'cancel' | 'publish_result';

export async function takeStep(opts: { db: Db; ctx: RequestContext; meetingId: number; action: PersonAction; reason?: string }): Promise<TransitionOutcome> {
  const { db, ctx, meetingId, action } = opts;
  const peek = await findMeetingUnsafe(db, meetingId);
  if (!peek) throw notFound('会议');
  ctx.assertEstate(peek.estate_id, '会议');
  const actor = actorFor(ctx, peek.convener_kind, action as MeetingAction);
  const out = await transitionMeeting(db, {
    meetingId, action, actor, ctxActor: ctx.actor(), reason: opts.reason,
    assertScope: (m) => ctx.assertEstate(m.estate_id, '会议'),
    before: action === 'approve' ? (m) => assertApprovable(db, m)
      : action === 'publish_notice' ? (m, now) => publishNotice(db, m, now)
      : undefined,
  });
  if (action === 'publish_result') return startObjectionPeriod(db, out);
  return out;
}

/** Right after the result is published the objection period starts (a system step), and the
 *  meeting becomes final by a durable job at its end: the publication day is not counted, and
 *  the period ends at the close of its last local day. */
async function startObjectionPeriod(db: Db, published: TransitionOutcome): Promise<TransitionOutcome> {
  const m = published.meeting;
  const now = m.result_published_at ?? new Date();
  const endsOn = objectionPeriodEndsOn(localDate(now), MEETING_PROFILE_RULES[m.rules]);
  const endsAt = endOfLocalDay(endsOn);
  await db.query('UPDATE meetings SET objection_ends_at = $2 WHERE id = $1', [m.id, endsAt]);
  const out = await transitionMeeting(db, { meetingId: m.id, action: 'start_objection_period', actor: 'system', ctxActor: SYSTEM_ACTOR, now });
  await enqueueJob(db, { kind: 'meeting.finalise', payload: { meetingId: Number(m.id) }, runAt: endsAt, dedupeKey: jobKeys.finalise(m.id, endsAt) });
  return out;
}
