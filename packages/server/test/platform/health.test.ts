import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';

describe('system', () => {
  it('anyone: health reports the database reachable', async () => {
    const t = await createTestApp();
    const res = await t.request({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, db: true });
  });
  it('anyone: an unknown API path is a 404 in the error format', async () => {
    const t = await createTestApp();
    const res = await t.request({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
