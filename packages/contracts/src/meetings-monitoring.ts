import { z } from 'zod';

// Monitoring flags and reminders of owners' meetings (issue 3): answers shared by the server and
// the web app. The flag rules and their thresholds live in @gongzhi/domain (monitoring/); the
// thresholds are platform policy, not law, and each flag's explanation says which one it used.

export const MONITORING_FLAG_KINDS = [
  'same_address', 'same_device', 'many_proxies', 'paper_share', 'deadline_burst', 'many_changes', 'recent_binding',
] as const;
export type MonitoringFlagKindView = (typeof MONITORING_FLAG_KINDS)[number];
export const MONITORING_SEVERITIES = ['info', 'warning', 'high'] as const;

export const meetingFlagsQuery = z.object({
  kind: z.enum(MONITORING_FLAG_KINDS).optional(),
  /** how many ballots to list under each flag (the count is always complete) */
  limit: z.coerce.number().int().min(1).max(2000).default(200),
});
export type MeetingFlagsQuery = z.infer<typeof meetingFlagsQuery>;

/** One ballot behind a flag. Never its choice. */
export const flaggedBallotView = z.object({
  ballotId: z.number().int(),
  itemId: z.number().int(),
  itemTitle: z.string(),
  voterKey: z.string(),
  /** the head's units in the frozen roster, 'building-number' */
  units: z.array(z.string()),
  channel: z.enum(['online', 'paper']),
  status: z.string(),
  castAt: z.string(),
  /** partly masked: '203.0.113.*', or the first groups of an IPv6 address */
  ip: z.string().nullable(),
  /** a short hash of the device identifier: enough to see "the same device", nothing more */
  device: z.string().nullable(),
  /** the head's owners' names: only for callers who may read the estate's registry */
  ownerNames: z.array(z.string()).optional(),
  /** the proxy holder's name, for ballots cast under a proxy (same rule as ownerNames) */
  proxyHolderName: z.string().optional(),
});
export type FlaggedBallotView = z.infer<typeof flaggedBallotView>;

export const monitoringFlagView = z.object({
  kind: z.enum(MONITORING_FLAG_KINDS),
  severity: z.enum(MONITORING_SEVERITIES),
  severityLabel: z.string(),
  label: z.string(),
  explanation: z.string(),
  /** what the flag is about, shown masked: an address, a device hash, a proxy holder's name */
  subject: z.string().nullable(),
  ballotCount: z.number().int(),
  voterKeyCount: z.number().int(),
  voterKeys: z.array(z.string()),
  ballots: z.array(flaggedBallotView),
  /** more ballots stand behind the flag than `limit` listed */
  truncated: z.boolean(),
});
export type MonitoringFlagView = z.infer<typeof monitoringFlagView>;

export const meetingFlagsView = z.object({
  meetingId: z.number().int(),
  state: z.string(),
  /** accepted ballots examined (current, superseded, overridden) */
  ballotsExamined: z.number().int(),
  /** whether owners' names are shown (the caller may read the estate's registry) */
  namesShown: z.boolean(),
  /** a reminder that the thresholds are the platform's, not the law's */
  note: z.string(),
  flags: z.array(monitoringFlagView),
});
export type MeetingFlagsView = z.infer<typeof meetingFlagsView>;

// Reminders ---------------------------------------------------------------------------------------

export const reminderResult = z.object({
  /** accounts that received the in-app reminder */
  count: z.number().int(),
  sentAt: z.string(),
  /** the next manual reminder is allowed from this time on (one per meeting per hour) */
  nextAllowedAt: z.string(),
});
export type ReminderResult = z.infer<typeof reminderResult>;
