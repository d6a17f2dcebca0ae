import type { Channel, TallyOptions } from '../tally/types.ts';

// Which of an owner's ballots on an item stands (TALLY-SPEC §4/§6), decided as each ballot
// arrives so that exactly one is 'current' (ballots_one_current_uq) and it is the one the tally
// engine's resolveBallots would pick from the whole history:
// 1. between channels, the profile's preferred channel wins (paperOverridesOnline; default:
//    online wins, as in Shenzhen), whatever the order;
// 2. within a channel, ballotPrecedence 'last' lets a later ballot replace the earlier one;
//    'first' keeps the earlier one. meetings.allow_change = false is 'first' (the first ballot
//    is final), whatever the profile says.

export interface PrecedenceBallot {
  channel: Channel;
}

export interface PrecedenceOptions extends Pick<TallyOptions, 'paperOverridesOnline' | 'ballotPrecedence'> {
  /** meetings.allow_change; false: the first ballot of a channel is final */
  allowChange: boolean;
}

/** Whether `incoming` (arriving now) replaces the owner's current ballot `existing`. */
export function ballotSupersedes(existing: PrecedenceBallot, incoming: PrecedenceBallot, options: PrecedenceOptions): boolean {
  if (existing.channel !== incoming.channel) {
    const preferred: Channel = options.paperOverridesOnline ? 'paper' : 'online';
    return incoming.channel === preferred;
  }
  if (!options.allowChange) return false;
  return options.ballotPrecedence === 'last';
}

export type PrecedenceOutcome =
  /** no current ballot: the incoming one is current */
  | { incoming: 'current'; existing: null }
  /** the incoming ballot replaces the current one; the old one becomes history */
  | { incoming: 'current'; existing: 'superseded' | 'overridden' }
  /** the current ballot stands; the incoming one is kept, ranked below it */
  | { incoming: 'overridden'; existing: 'current'; reason: 'channel' | 'final' };

/**
 * The statuses after `incoming` arrives: a replaced ballot of the same channel is 'superseded'
 * (the owner changed their vote), one ranked below by the other channel is 'overridden'.
 * reason 'final': same channel and the first ballot is final (the online cast path refuses
 * such a change instead of storing it).
 */
export function precedenceOutcome(existing: PrecedenceBallot | null, incoming: PrecedenceBallot, options: PrecedenceOptions): PrecedenceOutcome {
  if (!existing) return { incoming: 'current', existing: null };
  const sameChannel = existing.channel === incoming.channel;
  if (ballotSupersedes(existing, incoming, options)) return { incoming: 'current', existing: sameChannel ? 'superseded' : 'overridden' };
  return { incoming: 'overridden', existing: 'current', reason: sameChannel ? 'final' : 'channel' };
}
