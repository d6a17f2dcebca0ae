import { createHash, createHmac } from 'node:crypto';

// The only platform dependency of the ballot functions: SHA-256 and HMAC-SHA256 from node:crypto
// (the server and the CLI run on Node). A browser build would swap this one file for a pure
// implementation; nothing else in ballots/ touches the platform.

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export const hmacSha256Hex = (key: string, data: string): string => createHmac('sha256', key).update(data).digest('hex');
