// The demo module's public face: other modules and the CLI reach it only through here.
export { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_INVITATION_CODE } from './accounts.ts';
export { DEMO_SEED, generateDemoCity } from './generate-demo-city.ts';
export { loadDemoCity, isDatabaseEmpty, DatabaseNotEmptyError, type DemoLoadSummary } from './load-demo-city.ts';
export { seedIfEmpty } from './seed-if-empty.ts';
export type { DemoCity } from './demo-city-types.ts';
