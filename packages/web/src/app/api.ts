import type { FieldIssue } from '@gongzhi/contracts';
import { currentLang } from './i18n.tsx';

// One client for the whole app: relative /api/v1 URLs on the same origin, the session cookie,
// the chosen language, and errors that carry the server's { code, message, details }.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** field-level problems the server named (details.issues[]) */
  get issues(): FieldIssue[] {
    const d = this.details as { issues?: FieldIssue[] } | undefined;
    return Array.isArray(d?.issues) ? d.issues : [];
  }
}

type Listener = (err: ApiError) => void;
let onSessionLost: Listener | null = null;
/** The auth provider listens here: a 401 on an ordinary call means the session is gone. */
export function setSessionLostListener(fn: Listener | null): void {
  onSessionLost = fn;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** auth calls handle their own 401 (wrong password is not a lost session) */
  quiet401?: boolean;
  /** extra request headers (e.g. Idempotency-Key on ballot casting) */
  headers?: Record<string, string>;
}

async function toError(res: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: unknown } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON (proxy error page, etc.)
  }
  const fallback = currentLang() === 'en' ? `Request failed (${res.status})` : `请求失败（${res.status}）`;
  return new ApiError(res.status, body.code ?? 'HTTP_' + res.status, body.message ?? fallback, body.details);
}

async function send(method: string, path: string, opts: RequestOptions, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, opts.query), {
      method,
      credentials: 'same-origin',
      ...init,
      headers: { 'x-lang': currentLang(), ...(init.headers ?? {}) },
    });
  } catch {
    throw new ApiError(0, 'NETWORK', currentLang() === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (res.status === 401 && !opts.quiet401) onSessionLost?.(err);
    throw err;
  }
  return res;
}

export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const hasBody = opts.body !== undefined;
  const res = await send(method, path, opts, {
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(opts.headers ?? {}) },
    body: hasBody ? JSON.stringify(opts.body) : undefined,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const apiGet = <T>(path: string, query?: Query) => api<T>('GET', path, { query });
export const apiPost = <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
  api<T>('POST', path, { ...opts, body: body ?? {} });

/** multipart upload of one file in the field 'file' */
export async function apiUpload<T>(path: string, file: File | Blob, query?: Query): Promise<T> {
  const form = new FormData();
  form.append('file', file, file instanceof File ? file.name : 'upload.xlsx');
  const res = await send('POST', path, { query }, { body: form });
  return (await res.json()) as T;
}

/** GET a file and hand it to the browser as a download, named as the server says. */
export async function apiDownload(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await send('GET', path, { query }, {});
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
