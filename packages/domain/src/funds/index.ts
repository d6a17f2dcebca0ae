// Maintenance fund rules (issue 4): pure, integer fen, no clock and no database.
export * from './application-transitions.ts';
