/**
 * Where the mock keeps resources. The interface is synchronous on purpose: a handler reads, computes
 * and writes within one turn of the event loop, so concurrent requests can never interleave inside
 * a read-modify-write (no lost write, no phantom 404) without any locking.
 */
export type Resource = Record<string, unknown> & { id: string };

export interface Store {
  /** Every resource of a collection (`TMF663/shoppingCart`), in creation order. Do not mutate. */
  list(collection: string): readonly Resource[];
  get(collection: string, id: string): Resource | undefined;
  /** Inserts or replaces (a replaced resource keeps its place in the order). */
  put(collection: string, resource: Resource): void;
  /** True when something was deleted. */
  delete(collection: string, id: string): boolean;
  count(collection: string): number;
  /** Small persistent flags (e.g. "this API was seeded once"). */
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /** Flushes and releases whatever the store holds. */
  close(): void;
}

interface Collection {
  byId: Map<string, Resource>;
  /** `list()` answers this array until the next write; rebuilding it per request would dominate list latency. */
  snapshot?: readonly Resource[];
}

/** The default store, and the read cache of the SQLite store. */
export class MemoryStore implements Store {
  private readonly collections = new Map<string, Collection>();
  private readonly meta = new Map<string, string>();

  private collection(name: string): Collection {
    let c = this.collections.get(name);
    if (!c) {
      c = { byId: new Map() };
      this.collections.set(name, c);
    }
    return c;
  }

  list(collection: string): readonly Resource[] {
    const c = this.collection(collection);
    return (c.snapshot ??= Object.freeze([...c.byId.values()]));
  }

  get(collection: string, id: string): Resource | undefined {
    return this.collections.get(collection)?.byId.get(id);
  }

  put(collection: string, resource: Resource): void {
    const c = this.collection(collection);
    c.byId.set(resource.id, resource);
    c.snapshot = undefined;
  }

  delete(collection: string, id: string): boolean {
    const c = this.collections.get(collection);
    if (!c?.byId.delete(id)) return false;
    c.snapshot = undefined;
    return true;
  }

  count(collection: string): number {
    return this.collections.get(collection)?.byId.size ?? 0;
  }

  getMeta(key: string): string | undefined {
    return this.meta.get(key);
  }

  setMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }

  close(): void {
    // Nothing to flush.
  }
}
