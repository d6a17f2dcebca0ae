import { fieldError } from './errors.ts';

// The multipart parser (busboy, under @fastify/multipart) throws plain Errors for a request that
// is not well-formed multipart: no boundary in the content type, a body cut short, a broken part
// header. They carry no status, so they surfaced as 500s (found by the OpenAPI fuzz test). They
// are the client's fault: a 400 naming the body. Errors with a code (@fastify/multipart's own,
// e.g. a file too large) are left to the caller, which maps them.

// busboy's messages (node_modules/@fastify/busboy: lib/types/multipart.js, deps/dicer, deps/streamsearch
// for a boundary longer than it can search for)
const MALFORMED = /^(Multipart: Boundary not found|Unexpected end of multipart data|\w+ terminated early due to unexpected end of multipart data|The needle cannot (be an empty|have a length bigger))/;

export function isMalformedMultipart(e: unknown): boolean {
  return e instanceof Error && !(e as { code?: unknown }).code && MALFORMED.test(e.message);
}

/** `e` as a 400 when it says the multipart body is malformed; otherwise `e` itself. */
export function malformedMultipartAs400(e: unknown): unknown {
  return isMalformedMultipart(e) ? fieldError('body', '上传内容不是完整的 multipart/form-data 格式') : e;
}
