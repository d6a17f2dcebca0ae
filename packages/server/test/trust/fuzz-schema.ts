import fc from 'fast-check';

// JSON schema (OpenAPI 3.0, as fastify-type-provider-zod's jsonSchemaTransform writes it) →
// fast-check arbitraries. Three families:
//   valid     — respects type, enum, min/max, lengths, patterns, formats, required keys;
//   edge      — boundary values: at and just past every limit, 0, -1, huge and unsafe numbers,
//               empty and very long strings, unicode (CJK, emoji, NUL, RTL), empty arrays;
//   wrong     — values of the wrong JSON type (null, objects for numbers, numbers for strings).
// Only the keywords the generated document uses are understood (see KNOWN below); the fuzz test
// fails on any other keyword, so a schema the generator cannot follow is not silently skipped.

export interface JsonSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'array' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  default?: unknown;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  format?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
  description?: string;
}

export const KNOWN = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'minLength', 'maxLength', 'pattern', 'enum', 'minimum',
  'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'default', 'minItems', 'maxItems', 'items', 'format', 'oneOf',
  'anyOf', 'nullable', 'description',
]);

/** Keywords in `s` (recursively) that this generator does not understand. */
export function unknownKeywords(s: unknown, out = new Set<string>()): Set<string> {
  if (!s || typeof s !== 'object') return out;
  const o = s as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KNOWN.has(k) && k !== 'properties') out.add(k);
  for (const v of Object.values(o.properties ?? {})) unknownKeywords(v, out);
  for (const v of [o.items, ...((o.oneOf as unknown[]) ?? []), ...((o.anyOf as unknown[]) ?? [])]) unknownKeywords(v, out);
  if (typeof o.additionalProperties === 'object') unknownKeywords(o.additionalProperties, out);
  return out;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** Long strings are generated up to this length in `valid`; `edge` goes to the limit and past it. */
const VALID_STRING_CAP = 40;
const VALID_ARRAY_CAP = 4;

export function bounds(s: JsonSchema): { min: number; max: number } {
  let min = s.minimum ?? -MAX_SAFE;
  let max = s.maximum ?? MAX_SAFE;
  if (s.exclusiveMinimum === true) min = s.type === 'integer' ? min + 1 : min + Number.EPSILON;
  else if (typeof s.exclusiveMinimum === 'number') min = s.type === 'integer' ? s.exclusiveMinimum + 1 : s.exclusiveMinimum;
  if (s.exclusiveMaximum === true) max = s.type === 'integer' ? max - 1 : max;
  else if (typeof s.exclusiveMaximum === 'number') max = s.type === 'integer' ? s.exclusiveMaximum - 1 : s.exclusiveMaximum;
  return { min, max };
}

// text pieces beyond ASCII: CJK, emoji (astral, ZWJ sequence), RTL, combining marks, full-width digits
const UNICODE = ['业主', '共治', '翠竹苑', '😀', '👨‍👩‍👧', 'مرحبا', 'é', '１２３', '\u200b', 'Ω'];
const unicodeText = fc.array(fc.constantFrom(...UNICODE, 'a', ' ', '1'), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));

function lengthed(len: number, unit: string): string {
  if (len <= 0) return '';
  return unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
}

const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2045-12-31T00:00:00Z'), noInvalidDate: true });

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? Math.max(minLength, VALID_STRING_CAP);
  const fits = (v: string) => v.length >= minLength && v.length <= maxLength;
  if (s.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return isoDate.map((d) => d.toISOString());
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    // date-shaped patterns: real calendar dates (stringMatching makes mostly odd years); the
    // branch is chosen up front, since a filter that never passes would loop forever
    const day = '2026-01-31';
    const instant = '2026-01-31T08:00:00.000Z';
    if (re.test(day) && fits(day)) return fc.oneof(isoDate.map((d) => d.toISOString().slice(0, 10)), fc.stringMatching(re).filter(fits));
    if (re.test(instant) && fits(instant)) return isoDate.map((d) => d.toISOString());
    return fc.stringMatching(re).filter(fits);
  }
  const cap = Math.min(maxLength, Math.max(minLength, VALID_STRING_CAP));
  // padded and cut to the limits by construction (a filter that rarely passes would stall)
  const fit = (v: string) => (v.length < minLength ? v.padEnd(minLength, '业') : v).slice(0, maxLength);
  return fc.oneof(
    fc.string({ minLength, maxLength: cap }),
    unicodeText.map(fit),
    fc.string({ minLength, maxLength: cap, unit: 'grapheme' }).map(fit),
  );
}

/** Values the schema accepts. */
export function valid(s: JsonSchema): fc.Arbitrary<unknown> {
  const core = validCore(s);
  return s.nullable ? fc.oneof({ weight: 4, arbitrary: core }, { weight: 1, arbitrary: fc.constant(null) }) : core;
}

function validCore(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.oneOf) return fc.oneof(...s.oneOf.map(valid));
  if (s.anyOf) return fc.oneof(...s.anyOf.map(valid));
  switch (s.type) {
    case 'integer': {
      const { min, max } = bounds(s);
      return fc.integer({ min, max });
    }
    case 'number': {
      const { min, max } = bounds(s);
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean': return fc.boolean();
    case 'string': return validString(s);
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? VALID_ARRAY_CAP, Math.max(minLength, VALID_ARRAY_CAP));
      return fc.array(valid(s.items ?? {}), { minLength, maxLength });
    }
    case 'object': return validObject(s);
    default: return fc.jsonValue({ maxDepth: 1 });
  }
}

function validObject(s: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = valid(v);
  return fc.record(model, { requiredKeys: [...required].filter((k) => k in props) });
}

/** Boundary values: the limits themselves and just past them, plus the classic troublemakers. */
export function edge(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.enum) {
    const first = String(s.enum[0] ?? '');
    return fc.constantFrom(...s.enum, '', first.toUpperCase() + 'x', ` ${first}`, 0, null);
  }
  if (s.oneOf || s.anyOf) return fc.oneof(...(s.oneOf ?? s.anyOf ?? []).map(edge));
  switch (s.type) {
    case 'integer':
    case 'number': {
      const { min, max } = bounds(s);
      const vals = [min, max, min - 1, max + 1, 0, -1, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, MAX_SAFE, MAX_SAFE + 2, -MAX_SAFE, 1e20, -1e20, 1e300, 0.5, 1.5, -0];
      return fc.constantFrom(...vals.filter((v) => Number.isFinite(v)));
    }
    case 'boolean': return fc.constantFrom(true, false, 'true', 0, 1);
    case 'string': return edgeString(s);
    case 'array': {
      const item = valid(s.items ?? {});
      const over = (s.maxItems ?? 0) + 1;
      return fc.oneof(
        fc.constant([]),
        fc.array(fc.oneof(item, edge(s.items ?? {})), { minLength: 1, maxLength: 4 }),
        // past maxItems (capped: a 20,001-item array is still cheap JSON)
        s.maxItems !== undefined && over <= 25_000 ? item.chain((v) => fc.constant(Array.from({ length: over }, () => v))) : fc.constant([]),
        // duplicates
        item.map((v) => [v, v, v]),
      );
    }
    case 'object': return edgeObject(s);
    default: return wrong(s);
  }
}

function edgeString(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength;
  const vals: string[] = ['', ' ', '\u0000', 'a\u0000b', '0', '-1', 'null', "'; DROP TABLE accounts; --", '%', '\\', '\u202eabc', '😀', '\ud800'];
  if (min > 0) vals.push(lengthed(min - 1, '业'), lengthed(min, '业'), lengthed(min, '😀'));
  if (max !== undefined) vals.push(lengthed(max, '业'), lengthed(max + 1, '业'), lengthed(max, 'a'), lengthed(max + 1, 'a'));
  // very long: past any limit the API should have (and past one where none is declared)
  vals.push(lengthed(max !== undefined ? Math.max(max * 4, 10_001) : 100_001, 'x'));
  if (s.format === 'date' || s.format === 'date-time' || s.pattern?.includes('\\d{4}')) {
    vals.push('0000-00-00', '0000-01-01', '2026-02-30', '2026-02-29', '2024-02-29', '2026-13-01', '9999-12-31', '0001-01-01', '275760-09-13',
      '2026-01-01T24:00:00Z', '2026-01-01T00:00:00+99:00', '99999-01-01', '2026-1-1', '1900-01-01');
  }
  if (s.pattern?.startsWith('^1')) vals.push('19999999999', '10000000000', '１３８００１３８０００');
  if (s.pattern?.includes('\\d{6}')) vals.push('000000', '999999', '00000a', '1234567');
  return fc.constantFrom(...vals);
}

function edgeObject(s: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  if (keys.length === 0) return fc.constantFrom({}, { extra: 1 });
  // a valid object with one or two properties replaced by an edge value, a required one dropped,
  // or an unknown one added
  return fc.tuple(validObject(s), fc.subarray(keys, { minLength: 1, maxLength: Math.min(2, keys.length) }), fc.nat(3), fc.nat(1_000_000))
    .chain(([base, picked, how, r]) => {
      if (how === 0 && (s.required?.length ?? 0) > 0) {
        const req = s.required![r % s.required!.length];
        const { [req]: _dropped, ...rest } = base;
        return fc.constant(rest);
      }
      if (how === 1) return fc.constant({ ...base, [`x${r}`]: 'extra', __proto__x: 1, constructor: 'x' });
      return fc.tuple(...picked.map((k) => edge(props[k]))).map((vals) => {
        const out = { ...base };
        picked.forEach((k, i) => { out[k] = vals[i]; });
        return out;
      });
    });
}

/** A value of the wrong JSON type for `s`. */
export function wrong(s: JsonSchema): fc.Arbitrary<unknown> {
  const all: unknown[] = [null, true, 'x', '１', 12, -7.25, [], [1], {}, { a: 1 }, '[object Object]', 'NaN', 'Infinity'];
  const t = s.enum ? 'enum' : s.type;
  return fc.constantFrom(...all.filter((v) => {
    if (v === null) return !s.nullable;
    if (t === 'string' || t === 'enum') return typeof v !== 'string' || (t === 'enum' && !s.enum!.includes(v));
    if (t === 'integer' || t === 'number') return typeof v !== 'number';
    if (t === 'boolean') return typeof v !== 'boolean';
    if (t === 'array') return !Array.isArray(v);
    if (t === 'object') return typeof v !== 'object' || Array.isArray(v);
    return true;
  }));
}

/** A valid value with one property somewhere replaced by a wrong-typed one (objects), or a
 *  wrong-typed whole value. */
export function malformed(s: JsonSchema): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  if (s.type !== 'object' || keys.length === 0) return wrong(s);
  return fc.oneof(
    { weight: 1, arbitrary: wrong(s) },
    {
      weight: 4,
      arbitrary: fc.tuple(validObject(s), fc.constantFrom(...keys)).chain(([base, k]) =>
        malformed(props[k]).map((v) => ({ ...base, [k]: v }))),
    },
    // every required key missing
    { weight: 1, arbitrary: fc.constant({}) },
  );
}
