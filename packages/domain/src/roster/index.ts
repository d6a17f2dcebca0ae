export * from './roster-fields.ts';
export * from './roster-row.ts';
export * from './roster-file.ts';
