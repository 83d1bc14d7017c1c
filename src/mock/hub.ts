import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { ApiModel, EventModel } from '../spec/model.js';
import { parseCollectionQuery, QueryError, type Filter } from '../tmf/query.js';
import { matchesWithin } from './bounded-filter.js';
import { MockHttpError } from './errors.js';
import { buildEvent, type Notifier } from './notifier.js';
import type { Resource, Store } from './store.js';

/**
 * Hub subscriptions (TMF630 `POST /hub`, `DELETE /hub/{id}`) and their matching. Callbacks may only
 * point at allowed hosts: loopback by default, so a mock reachable by others cannot be made to post
 * to arbitrary addresses.
 */
export interface Subscription extends Resource {
  callback: string;
  query?: string;
}

/** A subscription's regex query runs on the request's path: it may not hold it longer than this. */
const QUERY_BUDGET_MS = 50;

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
  readonly collection: string;

  constructor(private readonly api: ApiModel, private readonly store: Store, private readonly notifier: Notifier, private readonly allowed: readonly string[]) {
    this.collection = `${api.id}/hub`;
  }

  register(body: Record<string, unknown>): Subscription {
    const problem = callbackProblem(body.callback, this.allowed);
    if (problem) throw new MockHttpError('CALLBACK_REFUSED', problem);
    if (body.query !== undefined && body.query !== null && typeof body.query !== 'string') {
      throw new MockHttpError('INVALID_BODY', 'query must be a string such as "eventType=ShoppingCartCreateEvent"');
    }
    const query = typeof body.query === 'string' ? body.query : undefined;
    try {
      subscriptionFilters(query);
    } catch (e) {
      if (e instanceof QueryError) throw new MockHttpError('INVALID_BODY', `query: ${e.message}`);
      throw e;
    }
    const sub: Subscription = { id: randomUUID(), callback: body.callback as string, ...(query !== undefined ? { query } : {}) };
    this.store.put(this.collection, sub);
    return sub;
  }

  unregister(id: string): void {
    if (!this.store.delete(this.collection, id)) throw new MockHttpError('NOT_FOUND', `no subscription ${id.slice(0, 100)}`);
    this.filterCache.delete(id);
  }

  isActive(id: string): boolean {
    return this.store.get(this.collection, id) !== undefined;
  }

  /** Builds the event and queues one delivery per matching subscription. */
  publish(ev: EventModel, resource: Record<string, unknown>): Record<string, unknown> {
    const event = buildEvent(ev, resource);
    const subs = this.store.list(this.collection) as readonly Subscription[];
    if (subs.length === 0) return event;
    const body = JSON.stringify(event);
    for (const sub of subs) {
      if (!matchesWithin(event, this.filters(sub), QUERY_BUDGET_MS)) continue; // a runaway regex query matches nothing
      this.notifier.enqueue({ subscriptionId: sub.id, callback: sub.callback, body, mediaType: this.api.mediaType });
    }
    return event;
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
