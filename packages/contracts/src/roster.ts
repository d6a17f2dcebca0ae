import { z } from 'zod';
import { importIssue } from './registry.ts';

// Roster import / export (业主名册). Columns and labels: registry.ts ROSTER_COLUMNS and *_LABELS.

export const rosterEstateParams = z.object({ id: z.coerce.number().int().positive() });

export const rosterImportQuery = z.object({
  /** 1: validate only, write nothing */
  dryRun: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true'),
});

export const rosterImportCounts = z.object({
  rows: z.number().int(),
  unitsCreated: z.number().int(),
  /** existing units whose area, area source, kind or status changed */
  unitsUpdated: z.number().int(),
  ownersCreated: z.number().int(),
  /** units whose set of current owners changed (old ownerships closed, new ones opened) */
  ownershipsChanged: z.number().int(),
});
export type RosterImportCounts = z.infer<typeof rosterImportCounts>;

export const rosterImportResult = z.object({ dryRun: z.boolean(), counts: rosterImportCounts });
export type RosterImportResult = z.infer<typeof rosterImportResult>;

/** details of a 422 IMPORT_INVALID: every issue (up to a cap), sorted by row then column */
export const rosterImportInvalidDetails = z.object({
  issues: z.array(importIssue),
  /** all issues found; larger than issues.length when the list was capped */
  total: z.number().int(),
});
export type RosterImportInvalidDetails = z.infer<typeof rosterImportInvalidDetails>;
