import type { FastifyRequest } from 'fastify';
import { fieldError } from './errors.ts';

// Two kinds of string PostgreSQL cannot store: one holding U+0000 (text and jsonb refuse it), and
// one that is not well-formed UTF-16 (a lone surrogate such as "\ud800": jsonb refuses its
// escape, text would silently get U+FFFD instead). Such strings used to reach the database and
// fail there as 500s (found by the OpenAPI fuzz test, test/trust/fuzz.test.ts). No field of the
// API has a use for either, so they are refused up front as a 400 naming the field. A preHandler
// hook: it runs after validation, so zod's own messages come first and the strings checked are
// the ones the handler would get.

/** The path of the first string (or key) under `value` that cannot be stored, or null. */
export function findUnstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return unstorable(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32 || Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    if (unstorable(k)) return `${path}.${JSON.stringify(k)}`;
    const hit = findUnstorableText(v, `${path}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

export async function rejectUnstorableText(req: FastifyRequest): Promise<void> {
  const hit = findUnstorableText(req.params, 'params') ?? findUnstorableText(req.query, 'query') ?? findUnstorableText(req.body, 'body');
  if (hit) throw fieldError(hit, '含有无法保存的字符（空字符 U+0000 或不成对的代理项）');
}
