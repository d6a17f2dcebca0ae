import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';

describe('client address for throttling', () => {
  it('anyone: without a trusted proxy, a forged X-Forwarded-For does not escape the per-address login limit', async () => {
    const t = await createTestApp({ trustProxy: false });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        body: { login: `nobody${i}`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
