export * from './meeting-transitions.ts';
export * from './notice-rules.ts';
export * from './approval-checks.ts';
