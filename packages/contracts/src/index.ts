export * from './permissions.ts';
export * from './errors.ts';
export * from './registry.ts';
export * from './identity.ts';
