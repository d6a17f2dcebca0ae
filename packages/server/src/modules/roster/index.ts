// The roster module's public face: the CLI imports and exports without HTTP through these.
export { importRoster, type ImportRosterOptions, ISSUE_CAP } from './import-roster.ts';
export { exportRoster, type ExportRosterOptions } from './export-roster.ts';
export { buildRosterTemplate } from './roster-template.ts';
export { rosterRoutes } from './routes.ts';
