export * from './identity/id-number.ts';
export * from './identity/credit-code.ts';
export * from './registry/area.ts';
export * from './registry/phone.ts';
export * from './roster/index.ts';
export * from './tally/index.ts';
export * from './meetings/index.ts';
