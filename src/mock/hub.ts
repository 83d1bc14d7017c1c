import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { ApiModel } from '../document/model.js';
import { isSafeRegex, matchesFilters } from '../tmf/filter.js';
import { parseCollectionQuery, QueryError, type Filter } from '../tmf/query.js';
import { FilterTimeout, filterWithin } from './bounded-filter.js';
import { MockHttpError } from './errors.js';
import type { Notifier } from './notifier.js';
import type { Resource, Store, StoredEvent } from './store.js';

/**
 * Hub subscriptions (TMF630 `POST /hub`, `DELETE /hub/{id}`) and their matching. Callbacks may only
 * point at allowed hosts: loopback by default, so a mock reachable by others cannot be made to post
 * to arbitrary addresses.
 */
export interface Subscription extends Resource {
  callback: string;
  query?: string;
}

/**
 * Matching runs on the path of the write request that raised the event, so all regex queries of one
 * event share this budget (one budget per query let 40 backtracking queries hold a POST for 2 s).
 */
export const PUBLISH_BUDGET_MS = 50;
/** Every subscription is matched against every event of its API: their number is bounded. */
export const MAX_SUBSCRIPTIONS = 1000;
/** A query is given at least this long before it can be disabled for running out of time. */
const MIN_SLICE_MS = 5;

const hasRegex = (filters: readonly Filter[]) => filters.some((f) => f.op === 'regex');

export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** `allowed` entries are host names or `host:port`; loopback is always allowed. */
export function callbackProblem(callback: unknown, allowed: readonly string[]): string | undefined {
  if (typeof callback !== 'string' || callback.length === 0) return 'callback must be an absolute http(s) URL';
  let url: URL;
  try {
    url = new URL(callback);
  } catch {
    return `callback "${callback.slice(0, 200)}" is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `callback scheme ${url.protocol} is not http or https`;
  if (url.username || url.password) return 'callback must not carry credentials';
  const host = url.hostname.toLowerCase();
  if (isLoopback(host)) return undefined;
  const withPort = `${host}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  if (allowed.some((a) => a.toLowerCase() === host || a.toLowerCase() === withPort)) return undefined;
  return `callback host ${host} is not allowed: only loopback addresses${allowed.length ? ` and ${allowed.join(', ')}` : ''} (start the mock with --allow-callback ${host} to allow it)`;
}

/** The subscription query (`eventType=XCreateEvent`, `event.x.state=done`), as TMF630 filters on the event body. */
export function subscriptionFilters(query: string | undefined): Filter[] {
  if (!query || !query.trim()) return [];
  const normalized = query.trim().replace(/^\?/, '').replace(/\s*([=&])\s*/g, '$1');
  return parseCollectionQuery(new URLSearchParams(normalized)).filters;
}

export class Hub {
  private readonly filterCache = new Map<string, Filter[]>();
  /** Subscriptions whose regex query ran out of time once: they match nothing from then on. */
  private readonly disabled = new Set<string>();
  /** Where the regex queries start on the next event, so a slow one that stays under budget does not always go first. */
  private turn = 0;

  constructor(private readonly api: ApiModel, private readonly store: Store, private readonly notifier: Notifier, private readonly allowed: readonly string[]) {}

  /** The subscriptions of this API in a tenant's space (`scope` is '' without tenants). */
  collectionFor(scope: string): string {
    return `${scope}${this.api.id}/hub`;
  }

  async register(scope: string, body: Record<string, unknown>): Promise<Subscription> {
    const problem = callbackProblem(body.callback, this.allowed);
    if (problem) throw new MockHttpError('CALLBACK_REFUSED', problem);
    if (body.query !== undefined && body.query !== null && typeof body.query !== 'string') {
      throw new MockHttpError('INVALID_BODY', 'query must be a string such as "eventType=ShoppingCartCreateEvent"');
    }
    const query = typeof body.query === 'string' ? body.query : undefined;
    let filters: Filter[];
    try {
      filters = subscriptionFilters(query);
    } catch (e) {
      if (e instanceof QueryError) throw new MockHttpError('INVALID_BODY', `query: ${e.message}`);
      throw e;
    }
    const unsafe = filters.filter((f) => f.op === 'regex').flatMap((f) => f.values).find((v) => !isSafeRegex(v));
    if (unsafe !== undefined) {
      throw new MockHttpError('INVALID_BODY', `query: "${unsafe.slice(0, 100)}" is not a usable regular expression (invalid syntax, over 200 characters, or a nested quantifier such as (a+)+)`);
    }
    const collection = this.collectionFor(scope);
    if (await this.store.count(collection) >= MAX_SUBSCRIPTIONS) {
      throw new MockHttpError('CONFLICT', `${this.api.id} already has ${MAX_SUBSCRIPTIONS} subscriptions, the most one API takes: DELETE ${this.api.basePath}/hub/{id} the ones no longer used`);
    }
    // v5 subscriptions carry `@type` (Hub_FVO extends Extensible); the answer (Hub) requires it back.
    const type = typeof body['@type'] === 'string' ? { '@type': body['@type'].slice(0, 100) } : {};
    const sub: Subscription = { id: randomUUID(), callback: body.callback as string, ...(query !== undefined ? { query } : {}), ...type };
    await this.store.insert(collection, sub);
    return sub;
  }

  async unregister(scope: string, id: string): Promise<void> {
    if (!(await this.store.delete(this.collectionFor(scope), id))) throw new MockHttpError('NOT_FOUND', `no subscription ${id.slice(0, 100)}`);
    this.filterCache.delete(id);
    this.disabled.delete(id);
  }

  async isActive(hub: string, id: string): Promise<boolean> {
    return (await this.store.get(hub, id)) !== undefined;
  }

  /**
   * Queues one delivery of a stored event per matching subscription of its hub collection; resolves
   * once they are queued, to `done`, which resolves when every one is over (delivered, failed or
   * unsubscribed). Queries without a regex cost
   * next to nothing and run first; regex queries then share PUBLISH_BUDGET_MS, starting one further
   * each event. The query that runs out of its slice is disabled (a runaway pattern costs one event,
   * once); those not reached miss this event.
   */
  async fanOut(stored: StoredEvent): Promise<{ done: Promise<unknown> }> {
    const subs = (await this.store.list(stored.hub)) as readonly Subscription[];
    const matching = this.matching(subs, stored.body);
    if (matching.length === 0) return { done: Promise.resolve() };
    const body = JSON.stringify(stored.body);
    return {
      done: Promise.all(matching.map((sub) => new Promise<void>((settled) => {
        this.notifier.enqueue({ hub: stored.hub, subscriptionId: sub.id, callback: sub.callback, body, mediaType: stored.mediaType, settled });
      }))),
    };
  }

  private matching(subs: readonly Subscription[], event: Record<string, unknown>): Subscription[] {
    const out: Subscription[] = [];
    const bounded: Subscription[] = [];
    for (const sub of subs) {
      if (this.disabled.has(sub.id)) continue;
      const filters = this.filters(sub);
      if (hasRegex(filters)) bounded.push(sub);
      else if (matchesFilters(event, filters)) out.push(sub);
    }
    const deadline = performance.now() + PUBLISH_BUDGET_MS;
    const start = bounded.length > 0 ? this.turn++ % bounded.length : 0;
    for (let i = 0; i < bounded.length; i++) {
      const sub = bounded[(start + i) % bounded.length]!;
      const left = Math.floor(deadline - performance.now());
      if (left < MIN_SLICE_MS) break;
      try {
        if (filterWithin([event], this.filters(sub), left).length > 0) out.push(sub);
      } catch (e) {
        if (!(e instanceof FilterTimeout)) throw e;
        this.disabled.add(sub.id);
      }
    }
    return out;
  }

  private filters(sub: Subscription): Filter[] {
    let f = this.filterCache.get(sub.id);
    if (!f) {
      try {
        f = subscriptionFilters(sub.query);
      } catch {
        f = [{ path: ['eventType'], op: 'eq', values: [] }]; // unreadable stored query: match nothing
      }
      this.filterCache.set(sub.id, f);
    }
    return f;
  }
}
