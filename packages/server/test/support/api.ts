import type { TestApp } from './test-app.ts';

// Requests through the app as one signed-in person (cookie), for the fixtures of the funds and
// disclosure tests. A body left out is sent as {} (the routes' schemas take an object).

export interface Signed { cookie: string; accountId: number }

export const apiAs = (t: TestApp, who: Signed) => ({
  get: (url: string) => t.request({ method: 'GET', url: `/api/v1${url}`, cookie: who.cookie }),
  post: (url: string, body?: unknown) => t.request({ method: 'POST', url: `/api/v1${url}`, cookie: who.cookie, body: body ?? {} }),
  patch: (url: string, body?: unknown) => t.request({ method: 'PATCH', url: `/api/v1${url}`, cookie: who.cookie, body: body ?? {} }),
  del: (url: string) => t.request({ method: 'DELETE', url: `/api/v1${url}`, cookie: who.cookie }),
});
