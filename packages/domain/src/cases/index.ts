// Cases rules (issue 6): pure, integer, no clock and no database.
export * from './categories.ts';
