import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

// Serialized answers of hot reads, each stamped with the registry version (0007_registry_version)
// of the snapshot it was read in. An entry is served only while the caller's current version is
// the same, so it is never stale; authorisation is still decided per request before this point.
// Bounded, least recently used out first.

export class VersionedCache {
  private readonly entries = new Map<string, { version: number; json: string }>();
  constructor(private readonly maxEntries = 500) {}

  get(key: string, version: number): string | undefined {
    const e = this.entries.get(key);
    if (!e || e.version !== version) return undefined;
    this.entries.delete(key); // refresh its place in the LRU order
    this.entries.set(key, e);
    return e.json;
  }

  set(key: string, version: number, json: string): void {
    this.entries.delete(key);
    this.entries.set(key, { version, json });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Answers from the cache when the version still matches; otherwise loads (the loader returns the
 *  version its data was read at), checks the answer against the route's response schema, stores
 *  it and sends it. */
export async function sendCachedJson<T>(opts: {
  cache: VersionedCache;
  key: string;
  currentVersion: number | null;
  reply: FastifyReply;
  schema: z.ZodType<T>;
  /** version null: the value was not read from the registry (e.g. out of scope): not cached */
  load: () => Promise<{ value: T; version: number | null }>;
}): Promise<FastifyReply> {
  const { cache, key, currentVersion, reply } = opts;
  const hit = currentVersion == null ? undefined : cache.get(key, currentVersion);
  if (hit !== undefined) return reply.type('application/json; charset=utf-8').send(hit);
  const { value, version } = await opts.load();
  const json = JSON.stringify(opts.schema.parse(value));
  if (version != null) cache.set(key, version, json);
  return reply.type('application/json; charset=utf-8').send(json);
}
