// Disclosure rules (issue 5): pure, integer fen, no clock and no database.
export * from './periods.ts';
export * from './revenue.ts';
export * from './notice-rules.ts';
export * from './filing-rules.ts';
export * from './question-rules.ts';
