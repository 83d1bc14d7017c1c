import type { MockContent } from './behaviour-kit.js';
import type { ApiRuntime } from './engine.js';
import type { Resource, Store } from './store.js';

/**
 * Seed data (from the API's MockContent, e.g. `mocks/<API>/seed.json`) maps resource names to records,
 * stored as they are (server-set attributes included, no href: that is added on the way out). A record
 * that does not validate against its entity schema (e.g. another version of the API) is skipped and
 * reported, never served. A store is seeded once per API: with --data, deleted seed records stay deleted
 * after a restart.
 */
export function seed(rt: ApiRuntime, store: Store, content: MockContent | undefined, warn: (line: string) => void): number {
  const flag = `seeded:${rt.api.id}`;
  if (store.getMeta(flag)) return 0;
  let count = 0;
  const skipped: string[] = [];
  for (const [name, records] of Object.entries(content?.seed ?? {})) {
    const res = rt.resources.get(name);
    if (!res || !Array.isArray(records)) continue;
    for (const record of records) {
      const r = record as Resource;
      const result = rt.schemas.validate(res.model.schemaName, r);
      if (typeof r?.id !== 'string' || !result.valid) {
        skipped.push(`${name} ${String(r?.id)} (${result.errors[0]?.message ?? 'no id'})`);
        continue;
      }
      store.put(res.collection, r);
      count++;
    }
  }
  if (skipped.length) {
    warn(`seed: ${skipped.length} record(s) of ${content?.seedSource ?? `the seed of ${rt.api.id}`} do not validate against ${rt.api.id} ${rt.api.version} and were skipped, e.g. ${skipped[0]}`);
  }
  store.setMeta(flag, new Date().toISOString());
  return count;
}
