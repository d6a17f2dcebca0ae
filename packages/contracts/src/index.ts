export * from './permissions.ts';
export * from './errors.ts';
export * from './registry.ts';
export * from './identity.ts';
export * from './roster.ts';
export * from './services.ts';
export * from './demo.ts';
export * from './meetings-proxies.ts';
