import type { MockContent } from './behaviour-kit.js';
import type { ApiRuntime } from './engine.js';
import type { Resource, Store } from './store.js';

/**
 * Seed data (from the API's MockContent, e.g. `mocks/<API>/seed.json`) maps resource names to records,
 * stored as they are (server-set attributes included, no href: that is added on the way out). A record
 * that does not validate against its entity schema (e.g. another version of the API) is skipped and
 * reported, never served. A store is seeded once per API and tenant (`scope`): with --data, deleted
 * seed records stay deleted after a restart, and of several instances on one database only the one
 * that claims the flag seeds.
 */
export async function seed(rt: ApiRuntime, store: Store, content: MockContent | undefined, warn: (line: string) => void, scope = ''): Promise<number> {
  if (!(await store.claimMeta(seedFlag(scope, rt.api.id), new Date().toISOString()))) return 0;
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
      await store.put(scope + res.collection, r);
      count++;
    }
  }
  if (skipped.length) {
    warn(`seed: ${skipped.length} record(s) of ${content?.seedSource ?? `the seed of ${rt.api.id}`} do not validate against ${rt.api.id} ${rt.api.version} and were skipped, e.g. ${skipped[0]}`);
  }
  return count;
}

/** The flag saying a tenant's API was seeded; `seedFlag(scope, '')` is the prefix of all of a tenant's. */
export function seedFlag(scope: string, apiId: string): string {
  return `seeded:${scope}${apiId}`;
}
