import type { Filter, SortKey } from '../tmf/query.js';
import { pageOf } from '../tmf/paging.js';
import { sortResources } from '../tmf/sort.js';
import { filterWithin } from './bounded-filter.js';

/**
 * Where the mock keeps resources. The interface is asynchronous so that a database shared by several
 * mock instances can sit behind it. What the synchronous interface gave for free is now explicit:
 * `update` is a read-modify-write serialised against every other update of the same resource (an
 * in-process lock for the memory and SQLite stores, a row lock for PostgreSQL), so concurrent PATCHes
 * never lose a write. A write's events are handed to the store with it: a store with an `outbox`
 * keeps them in the same transaction and any instance delivers them; other stores leave delivery to
 * the process that wrote.
 */
export type Resource = Record<string, unknown> & { id: string };

/** An event raised by a write, to be matched against the subscriptions of `hub` (a collection). */
export interface StoredEvent {
  apiId: string;
  hub: string;
  mediaType: string;
  body: Record<string, unknown> & { eventId: string };
}

/** What a read-modify-write stores: the new resource and the events its change raises. */
export interface Change {
  resource: Resource;
  events: StoredEvent[];
}

export interface StoreQuery {
  filters: Filter[];
  sort: SortKey[];
  offset: number;
  limit?: number;
  /**
   * A resource as the client sees it (with `href`, which is computed on the way out, never stored). A filter
   * on a computed attribute (COMPUTED_ATTRIBUTES in tmf/filter.ts) is matched against this view, in every store.
   * Its href is a prefix and the id URL-encoded (Representer.href): PostgreSQL narrows `href=` to the ids
   * the operands name when a view is so (it checks with probe ids, and narrows nothing otherwise).
   */
  view?: (r: Resource) => unknown;
}

/**
 * A stored resource as JSON text, for a store that keeps it (PostgreSQL): its id, and `rest`, the JSON
 * text of its other attributes but `href` (see restText). Representer.textOf makes of it the same
 * bytes as Representer.text makes of the resource.
 */
export class StoredText {
  constructor(readonly id: string, readonly rest: string) {}
}

/** JSON.stringify of a resource without `id` and `href`: what a store keeps to answer StoredText. */
export function restText(r: Resource): string {
  const { id: _id, href: _href, ...rest } = r;
  return JSON.stringify(rest);
}

/**
 * Whether restText's text can follow id and href as it is. Not when it starts with a name made of
 * digits: JavaScript lists array indices ("0", "12") first in any object, so in `{id, href, ...rest}`
 * they come before id (the resource is then parsed and serialized, as for any other store).
 */
export function followsIdAndHref(rest: string): boolean {
  const c = rest.charCodeAt(2);
  return !(c >= 48 && c <= 57);
}

export interface StorePage {
  items: readonly Resource[];
  /** Matching resources before paging (X-Total-Count). */
  total: number;
}

/** Events waiting in a store shared by instances; see outbox.ts for the delivery loop. */
export interface OutboxEntry {
  seq: string;
  event: StoredEvent;
}

export interface Outbox {
  /** Takes up to `max` undelivered events of these APIs for `leaseMs` (no other instance takes them meanwhile). */
  claim(max: number, leaseMs: number, apiIds: readonly string[]): Promise<OutboxEntry[]>;
  /** The event went out (or gave up): never again. */
  complete(seq: string): Promise<void>;
  /** This instance stops without delivering: another one may take them at once. */
  release(seqs: readonly string[]): Promise<void>;
  /** Calls `wake` when another instance (or this one) stored an event. */
  listen(wake: () => void): Promise<void>;
}

/** A regex filter ran out of time (see bounded-filter.ts): the client's query is at fault. */
export const FILTER_BUDGET_MS = 250;

export interface Store {
  /** Connects and prepares (migrations); called once before the first request. */
  open?(): Promise<void>;
  get(collection: string, id: string): Promise<Resource | undefined>;
  /**
   * GET by id without parsing and serializing: the text kept at write time when the store has it,
   * else the resource. Absent: the engine uses get (the memory store caches texts per object instead).
   */
  getText?(collection: string, id: string): Promise<StoredText | Resource | undefined>;
  /** Every resource of a collection (`TMF663/shoppingCart`), in creation order. Do not mutate. */
  list(collection: string): Promise<readonly Resource[]>;
  /** TMF630 filters (AND), sort and paging; throws FilterTimeout for a runaway regex. */
  query(collection: string, q: StoreQuery): Promise<StorePage>;
  count(collection: string): Promise<number>;
  /** Stores a new resource and its events; a taken id throws StoreConflict. */
  insert(collection: string, resource: Resource, events?: readonly StoredEvent[]): Promise<void>;
  /** Inserts or replaces without events (seed data, subscriptions); a replaced resource keeps its place. */
  put(collection: string, resource: Resource): Promise<void>;
  /**
   * Replaces a resource with what `change` makes of it, serialised against every other update of it.
   * `change` may throw to refuse (nothing is written). Undefined when the resource does not exist.
   */
  update(collection: string, id: string, change: (current: Resource) => Promise<Change> | Change): Promise<{ before: Resource; after: Resource } | undefined>;
  /** Removes a resource and stores the events made of it; undefined when it did not exist. */
  delete(collection: string, id: string, events?: (removed: Resource) => StoredEvent[]): Promise<Resource | undefined>;
  /** Removes every resource of the collections whose name starts with `prefix` (a tenant's reset). */
  clear(prefix: string): Promise<void>;
  getMeta(key: string): Promise<string | undefined>;
  /** Sets a flag unless set; true when this call set it (so one instance of several seeds). */
  claimMeta(key: string, value: string): Promise<boolean>;
  deleteMeta(prefix: string): Promise<void>;
  /** Present when events are delivered from the store (shared by instances), not by the writer. */
  readonly outbox?: Outbox;
  /** Flushes and releases whatever the store holds. */
  close(): Promise<void>;
}

export class StoreConflict extends Error {
  constructor(collection: string, id: string) {
    super(`${collection} already holds ${id.slice(0, 100)}`);
    this.name = 'StoreConflict';
  }
}

/** One chain of promises per key: what runs under a key waits for what ran before it. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** Filters, sorts and pages resources held in memory (the memory and SQLite stores; PostgreSQL's fallback). */
export function queryInMemory(all: readonly Resource[], q: StoreQuery): StorePage {
  const matching = filterWithin(all, q.filters, FILTER_BUDGET_MS, q.view);
  const page = pageOf(q.sort.length ? sortResources(matching, q.sort) : matching, q.offset, q.limit);
  return { items: page.items, total: page.total };
}

interface Collection {
  byId: Map<string, Resource>;
  /** `list()` answers this array until the next write; rebuilding it per request would dominate list latency. */
  snapshot?: readonly Resource[];
}

/** The default store, and the read mirror of the SQLite store. */
export class MemoryStore implements Store {
  private readonly collections = new Map<string, Collection>();
  private readonly meta = new Map<string, string>();
  private readonly locks = new KeyedLock();

  private collection(name: string): Collection {
    let c = this.collections.get(name);
    if (!c) {
      c = { byId: new Map() };
      this.collections.set(name, c);
    }
    return c;
  }

  listNow(collection: string): readonly Resource[] {
    const c = this.collection(collection);
    return (c.snapshot ??= Object.freeze([...c.byId.values()]));
  }

  getNow(collection: string, id: string): Resource | undefined {
    return this.collections.get(collection)?.byId.get(id);
  }

  putNow(collection: string, resource: Resource): void {
    const c = this.collection(collection);
    c.byId.set(resource.id, resource);
    c.snapshot = undefined;
  }

  deleteNow(collection: string, id: string): Resource | undefined {
    const c = this.collections.get(collection);
    const before = c?.byId.get(id);
    if (!c || !before) return undefined;
    c.byId.delete(id);
    c.snapshot = undefined;
    return before;
  }

  clearNow(prefix: string): string[] {
    const names = [...this.collections.keys()].filter((n) => n.startsWith(prefix));
    for (const n of names) this.collections.delete(n);
    return names;
  }

  setMetaNow(key: string, value: string): void {
    this.meta.set(key, value);
  }

  deleteMetaNow(prefix: string): void {
    for (const k of [...this.meta.keys()]) if (k.startsWith(prefix)) this.meta.delete(k);
  }

  async get(collection: string, id: string): Promise<Resource | undefined> {
    return this.getNow(collection, id);
  }

  async list(collection: string): Promise<readonly Resource[]> {
    return this.listNow(collection);
  }

  async query(collection: string, q: StoreQuery): Promise<StorePage> {
    return queryInMemory(this.listNow(collection), q);
  }

  async count(collection: string): Promise<number> {
    return this.collections.get(collection)?.byId.size ?? 0;
  }

  async insert(collection: string, resource: Resource): Promise<void> {
    if (this.getNow(collection, resource.id)) throw new StoreConflict(collection, resource.id);
    this.putNow(collection, resource);
  }

  async put(collection: string, resource: Resource): Promise<void> {
    this.putNow(collection, resource);
  }

  update(collection: string, id: string, change: (current: Resource) => Promise<Change> | Change): Promise<{ before: Resource; after: Resource } | undefined> {
    return this.locks.run(`${collection}\u0000${id}`, async () => {
      const before = this.getNow(collection, id);
      if (!before) return undefined;
      const { resource } = await change(before);
      const after = { ...resource, id };
      // Deleted while `change` awaited: the delete wins.
      if (!this.getNow(collection, id)) return undefined;
      this.putNow(collection, after);
      return { before, after };
    });
  }

  async delete(collection: string, id: string, events?: (removed: Resource) => StoredEvent[]): Promise<Resource | undefined> {
    const removed = this.deleteNow(collection, id);
    if (removed) events?.(removed);
    return removed;
  }

  async clear(prefix: string): Promise<void> {
    this.clearNow(prefix);
  }

  async getMeta(key: string): Promise<string | undefined> {
    return this.meta.get(key);
  }

  async claimMeta(key: string, value: string): Promise<boolean> {
    if (this.meta.has(key)) return false;
    this.meta.set(key, value);
    return true;
  }

  async deleteMeta(prefix: string): Promise<void> {
    this.deleteMetaNow(prefix);
  }

  async close(): Promise<void> {
    // Nothing to flush.
  }
}
