import crypto from 'node:crypto';
import fc from 'fast-check';
import { multipart } from '../support/multipart.ts';
import type { Req } from '../authz/route-cases.ts';
import { edge, malformed, valid, wrong, type JsonSchema } from './fuzz-schema.ts';

// Requests for one OpenAPI operation, built around a "base" request (the authorisation matrix's
// valid request for the route: real ids of estate A, a body that works) so that fuzzed values
// reach past the first record lookup. Families: valid, edge (boundaries), malformed.

export type Family = 'valid' | 'edge' | 'malformed';

export interface Operation {
  key: string; // "METHOD /url" as in the route table (url relative to /api/v1, :params)
  method: string;
  template: string; // /api/v1/estates/{id}
  pathParams: Record<string, JsonSchema>;
  query: Record<string, JsonSchema>;
  requiredQuery: string[];
  body: JsonSchema | null;
  bodyRequired: boolean;
  multipart: boolean;
}

export interface Variant {
  family: Family;
  what: string;
  url: string;
  payload?: string | Buffer;
  headers: Record<string, string>;
}

interface OpenApiParam { in: string; name: string; required?: boolean; schema: JsonSchema }
interface OpenApiOp { parameters?: OpenApiParam[]; requestBody?: { required?: boolean; content?: Record<string, { schema: JsonSchema }> } }

export function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOp>> }, multipartKeys: Set<string>): Operation[] {
  const out: Operation[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      const url = template.replace(/^\/api\/v1/, '').replace(/\{([^}]+)\}/g, ':$1');
      const key = `${method} ${url}`;
      const pathParams: Record<string, JsonSchema> = {};
      const query: Record<string, JsonSchema> = {};
      const requiredQuery: string[] = [];
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') pathParams[p.name] = p.schema;
        else if (p.in === 'query') { query[p.name] = p.schema; if (p.required) requiredQuery.push(p.name); }
      }
      const content = op.requestBody?.content ?? {};
      const body = content['application/json']?.schema ?? null;
      out.push({ key, method, template, pathParams, query, requiredQuery, body, bodyRequired: op.requestBody?.required === true, multipart: multipartKeys.has(key) });
    }
  }
  return out;
}

/** The path parameters and query of a built request, read back against the template. */
export function parseBase(op: Operation, req: Req): { path: Record<string, string>; query: Record<string, string> } {
  const [p, qs] = req.url.split('?');
  const names: string[] = [];
  const re = new RegExp(`^${op.template.replace(/^\/api\/v1/, '').replace(/\{([^}]+)\}/g, (_m, n) => { names.push(n); return '([^/]+)'; })}$`);
  const m = re.exec(p);
  if (!m) throw new Error(`${op.key}: base url ${req.url} does not match`);
  const path: Record<string, string> = {};
  names.forEach((n, i) => { path[n] = decodeURIComponent(m[i + 1]); });
  return { path, query: Object.fromEntries(new URLSearchParams(qs ?? '')) };
}

/** A lone surrogate has no UTF-8 form: it goes as the bytes of one encoded on its own (invalid
 *  UTF-8, a good test of the server's own URL decoding). */
function encodePathPart(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return [...v].map((ch) => { try { return encodeURIComponent(ch); } catch { return '%ED%A0%80'; } }).join('');
  }
}

function buildUrl(op: Operation, path: Record<string, string>, query: Record<string, unknown>): string {
  const p = op.template.replace(/\{([^}]+)\}/g, (_m, n) => encodePathPart(path[n] ?? '1'));
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) sp.append(k, String(x));
    else sp.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  }
  const s = sp.toString();
  return s ? `${p}?${s}` : p;
}

const JSON_CT = { 'content-type': 'application/json' };
const sample = <T>(arb: fc.Arbitrary<T>, seed: number, n: number): T[] => (n > 0 ? fc.sample(arb, { seed, numRuns: n }) : []);

/** Garbage instead of JSON: truncated, trailing, NUL, prototype pollution, very deep nesting. */
const BAD_JSON = ['{', '{"a":', '{"a":1}}', 'nul', "{'a':1}", '\u0000', '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, '\ufeff{}', '{"a":1e999999}'];
/** Non-ids for path parameters: text, signs, fractions, unsafe and huge integers, unicode. */
const BAD_IDS = ['0', '-1', 'abc', '1.5', '1e3', '0x10', ' 1', '9007199254740993', '99999999999999999999', '１', '😀', 'null', '%00', '1;DROP'];

export interface VariantOpts {
  op: Operation;
  base: Req;
  /** the same route built against estate B (ids of another estate), when the builder could */
  foreign: Req | null;
  seed: number;
  /** generated requests per family and part (path / query / body) */
  runs: number;
}

export function variants(o: VariantOpts): Variant[] {
  const { op, base, seed, runs: n } = o;
  const { path, query } = parseBase(op, base);
  const baseHeaders = () => withFreshKey(base.headers);
  const out: Variant[] = [];
  const json = (family: Family, what: string, url: string, body: unknown, headers = baseHeaders()): Variant =>
    ({ family, what, url, payload: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? headers : { ...headers, ...JSON_CT } });
  const baseBody = op.body ? (base.body ?? {}) : undefined;
  const url0 = buildUrl(op, path, query);

  if (op.multipart) return multipartVariants(o, url0);

  // --- valid -------------------------------------------------------------------------------------
  out.push(json('valid', 'base', url0, base.body));
  if (op.body && isPlainObject(baseBody)) out.push(json('valid', 'base + unknown field', url0, { ...baseBody, zzUnknown: 'x' }));
  const qKeys = Object.keys(op.query);
  if (qKeys.length) {
    const arb = fc.record(Object.fromEntries(qKeys.map((k) => [k, valid(op.query[k])])), { requiredKeys: op.requiredQuery });
    for (const q of sample(arb, seed + 1, n)) out.push(json('valid', `query ${JSON.stringify(q).slice(0, 80)}`, buildUrl(op, path, { ...query, ...q }), base.body));
  }
  if (op.body) {
    for (const b of sample(valid(op.body), seed + 2, n)) out.push(json('valid', 'generated body', url0, b));
    const props = Object.keys(op.body.properties ?? {});
    if (isPlainObject(baseBody) && props.length) {
      const arb = fc.constantFrom(...props).chain((k) => valid(op.body!.properties![k]).map((v) => [k, v] as const));
      for (const [k, v] of sample(arb, seed + 3, n)) out.push(json('valid', `base, ${k} regenerated`, url0, { ...baseBody, [k]: v }));
    }
  }

  // --- edge --------------------------------------------------------------------------------------
  const pKeys = Object.keys(op.pathParams);
  if (pKeys.length) {
    const arb = fc.tuple(fc.constantFrom(...pKeys), fc.oneof(fc.constantFrom(...BAD_IDS), fc.constant(null))).chain(([k, v]) =>
      (v === null ? edge(op.pathParams[k]).map((e) => [k, String(e)] as const) : fc.constant([k, v] as const)));
    for (const [k, v] of sample(arb, seed + 4, n)) out.push(json('edge', `path ${k}=${v.slice(0, 30)}`, buildUrl(op, { ...path, [k]: v }, query), base.body));
  }
  if (o.foreign) {
    const f = parseBase(op, o.foreign);
    out.push(json('edge', 'ids of another estate', buildUrl(op, f.path, f.query), o.foreign.body));
  }
  if (qKeys.length) {
    const arb = fc.constantFrom(...qKeys).chain((k) => edge(op.query[k]).map((v) => [k, v] as const));
    for (const [k, v] of sample(arb, seed + 5, n)) out.push(json('edge', `query ${k}=${String(v).slice(0, 30)}`, buildUrl(op, path, { ...query, [k]: v }), base.body));
  }
  if (op.body) {
    const props = op.body.properties ?? {};
    const keys = Object.keys(props);
    const onBase = isPlainObject(baseBody) && keys.length
      ? fc.constantFrom(...keys).chain((k) => edge(props[k]).map((v) => ({ ...(baseBody as object), [k]: v })))
      : edge(op.body);
    for (const b of sample(fc.oneof(onBase, edge(op.body)), seed + 6, n)) out.push(json('edge', 'body boundary', url0, b));
  }
  if (base.headers && Object.keys(base.headers).some((h) => h.toLowerCase() === 'idempotency-key')) {
    for (const k of ['', 'x'.repeat(5000), '业主😀']) {
      out.push(json('edge', `Idempotency-Key of ${k.length} chars`, url0, base.body, { ...baseHeaders(), 'idempotency-key': encodeURIComponent(k) }));
    }
  }

  // --- malformed ---------------------------------------------------------------------------------
  if (qKeys.length) {
    const arb = fc.constantFrom(...qKeys).chain((k) => wrong(op.query[k]).map((v) => [k, v] as const));
    for (const [k, v] of sample(arb, seed + 7, n)) out.push(json('malformed', `query ${k} wrong type`, buildUrl(op, path, { ...query, [k]: v }), base.body));
    // the same parameter twice: an array where a scalar is expected
    const k0 = qKeys[seed % qKeys.length];
    out.push(json('malformed', `query ${k0} twice`, buildUrl(op, path, { ...query, [k0]: ['1', '2'] }), base.body));
  }
  if (op.body) {
    const props = op.body.properties ?? {};
    const keys = Object.keys(props);
    const onBase = isPlainObject(baseBody) && keys.length
      ? fc.constantFrom(...keys).chain((k) => wrong(props[k]).map((v) => ({ ...(baseBody as object), [k]: v })))
      : malformed(op.body);
    for (const b of sample(fc.oneof(onBase, malformed(op.body)), seed + 8, n)) out.push(json('malformed', 'body wrong type', url0, b));
    for (const r of op.body.required ?? []) {
      if (isPlainObject(baseBody) && r in baseBody) {
        const { [r]: _gone, ...rest } = baseBody;
        out.push(json('malformed', `base without required ${r}`, url0, rest));
        break;
      }
    }
  }
  if (op.method !== 'GET') {
    const bad = sample(fc.constantFrom(...BAD_JSON), seed + 9, Math.min(n, 2));
    for (const text of bad) out.push({ family: 'malformed', what: `bad JSON ${JSON.stringify(text.slice(0, 20))}`, url: url0, payload: text, headers: { ...baseHeaders(), ...JSON_CT } });
    out.push({ family: 'malformed', what: 'JSON as text/plain', url: url0, payload: JSON.stringify(base.body ?? {}), headers: { ...baseHeaders(), 'content-type': 'text/plain' } });
    out.push({ family: 'malformed', what: 'form-urlencoded', url: url0, payload: 'a=1&b=2', headers: { ...baseHeaders(), 'content-type': 'application/x-www-form-urlencoded' } });
    out.push({ family: 'malformed', what: 'empty JSON body', url: url0, payload: '', headers: { ...baseHeaders(), ...JSON_CT } });
    if (op.body) out.push({ family: 'malformed', what: 'JSON null', url: url0, payload: 'null', headers: { ...baseHeaders(), ...JSON_CT } });
  }
  return out;
}

function multipartVariants(o: VariantOpts, url: string): Variant[] {
  const b = o.base.multipart ?? { fields: {} };
  const h = () => withFreshKey(o.base.headers);
  const mp = (what: string, family: Family, fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }): Variant => {
    const m = multipart(fields, file);
    return { family, what, url, payload: m.payload, headers: { ...h(), ...m.headers } };
  };
  const out: Variant[] = [mp('base', 'valid', b.fields, b.file)];
  out.push(mp('no file', 'malformed', b.fields));
  if (b.file) {
    out.push(mp('empty file', 'edge', b.fields, { ...b.file, data: Buffer.alloc(0) }));
    out.push(mp('file of another type', 'edge', b.fields, { name: 'x.exe', type: 'application/x-msdownload', data: Buffer.from('MZ\u0090\u0000garbage') }));
    out.push(mp('garbage under the right type', 'edge', b.fields, { ...b.file, data: crypto.randomBytes(512) }));
    out.push(mp('file name of 300 CJK chars', 'edge', b.fields, { ...b.file, name: `${'业'.repeat(300)}.png` }));
  }
  for (const k of Object.keys(b.fields)) {
    for (const v of ['abc', '99999999999999999999', '-1', '', '\u0000']) out.push(mp(`field ${k}=${JSON.stringify(v)}`, 'edge', { ...b.fields, [k]: v }, b.file));
  }
  const good = multipart(b.fields, b.file);
  out.push({ family: 'malformed', what: 'multipart without boundary', url, payload: good.payload, headers: { ...h(), 'content-type': 'multipart/form-data' } });
  out.push({ family: 'malformed', what: 'truncated multipart', url, payload: good.payload.subarray(0, Math.floor(good.payload.length / 2)), headers: { ...h(), ...good.headers } });
  out.push({ family: 'malformed', what: 'JSON instead of multipart', url, payload: JSON.stringify(b.fields), headers: { ...h(), ...JSON_CT } });
  out.push({ family: 'malformed', what: 'empty multipart', url, payload: Buffer.alloc(0), headers: { ...h(), ...good.headers } });
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The base request's headers, with a fresh Idempotency-Key where it carried one (a replayed key
 *  with another body is a 409, not what a variant is meant to try). */
function withFreshKey(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k] = k.toLowerCase() === 'idempotency-key' ? crypto.randomUUID() : v;
  return out;
}
