export * from './receipt.ts';
export * from './merkle.ts';
export * from './precedence.ts';
export { sha256Hex as ballotSha256Hex } from './hash.ts';
