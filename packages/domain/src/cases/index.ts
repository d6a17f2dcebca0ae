// Cases rules (issue 6): pure, integer, no clock and no database.
export * from './categories.ts';
export * from './working-hours.ts';
export * from './deadlines.ts';
export * from './routing.ts';
export * from './transitions.ts';
export * from './escalation.ts';
export * from './duplicates.ts';
export * from './figures.ts';
export * from './rating.ts';
