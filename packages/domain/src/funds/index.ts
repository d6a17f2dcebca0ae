// Maintenance fund rules (issue 4): pure, integer fen, no clock and no database.
export * from './application-transitions.ts';
export * from './cn-holidays.ts';
export * from './working-days.ts';
export * from './emergency-lists.ts';
export * from './work-categories.ts';
export * from './exclusions.ts';
export * from './stages.ts';
export * from './low-balance.ts';
export * from './apportion-input.ts';
export * from './settlement.ts';
