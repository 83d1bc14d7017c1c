/**
 * `--record FILE`: the resources a session saw, saved as seed data that `tmf-ctk mock --seed FILE`
 * loads, so a session against the real server becomes a local mock. Whole resources only (a `fields`
 * selection is partial and not recorded); a DELETE removes; the last answer about an id wins.
 */
import { writeFile } from 'node:fs/promises';
import type { Exchange } from '../core/results.js';
import type { Operation } from '../document/model.js';
import { SEED_FORMAT, type SeedFile } from '../mock/seed-file.js';


const MAX_RECORDS = 10_000;
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export class ResourceRecorder {
  /** API id → resource → id → record (Maps: ids are untrusted keys). */
  readonly #seen = new Map<string, Map<string, Map<string, Record<string, unknown>>>>();
  #count = 0;

  #collection(api: string, resource: string): Map<string, Record<string, unknown>> {
    let byRes = this.#seen.get(api);
    if (!byRes) this.#seen.set(api, (byRes = new Map()));
    let byId = byRes.get(resource);
    if (!byId) byRes.set(resource, (byId = new Map()));
    return byId;
  }

  #put(col: Map<string, Record<string, unknown>>, item: unknown): void {
    if (!isRecord(item) || typeof item.id !== 'string') return;
    if (!col.has(item.id) && this.#count >= MAX_RECORDS) return;
    if (!col.has(item.id)) this.#count += 1;
    const { href: _href, ...rest } = item;
    col.set(item.id, rest);
  }

  observe(apiId: string, op: Operation | undefined, ex: Exchange): void {
    const res = ex.response;
    if (!op?.resource || !res || res.status < 200 || res.status >= 300 || res.truncated) return;
    const col = this.#collection(apiId, op.resource);
    if (op.kind === 'delete') {
      const id = decodeURIComponent(new URL(ex.request.url).pathname.split('/').pop() ?? '');
      if (col.delete(id)) this.#count -= 1;
      return;
    }
    if (new URL(ex.request.url).searchParams.has('fields') || !res.body) return;
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return;
    }
    if (op.kind === 'list' && Array.isArray(body)) for (const item of body) this.#put(col, item);
    else if (['create', 'retrieve', 'patch', 'replace'].includes(op.kind)) this.#put(col, body);
  }

  toSeed(): SeedFile {
    const apis: SeedFile['apis'] = {};
    for (const [api, byRes] of this.#seen) {
      const out: Record<string, unknown[]> = {};
      for (const [resource, byId] of byRes) if (byId.size) out[resource] = [...byId.values()];
      if (Object.keys(out).length) apis[api] = out;
    }
    return { format: SEED_FORMAT, apis };
  }

  async write(file: string): Promise<void> {
    await writeFile(file, `${JSON.stringify(this.toSeed(), null, 2)}\n`);
  }
}
