import type { FastifyRequest } from 'fastify';
import type { Resource, StoredText } from './store.js';

/**
 * How a stored resource goes on the wire. The store keeps no `href`: it is added on the way out from
 * the origin the client used, so hrefs stay right whatever host or port the mock is reached on (and
 * after a restart on another port). Serialized text is cached per stored object: stored resources
 * are never mutated (every write stores a new object), so the cache cannot go stale.
 */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

let lastHost: string | undefined;
let lastOrigin = '';

/** `http://host:port` from the request's Host header; the fallback when the header is absent or odd. */
export function originOf(req: FastifyRequest, fallback: string): string {
  const host = req.headers.host;
  // Clients send the same Host on every request: skip the check and the concatenation then.
  if (host !== undefined && host === lastHost && req.protocol === 'http') return lastOrigin;
  if (host === undefined || host.length > 300 || !HOST.test(host)) return fallback;
  const origin = `${req.protocol}://${host}`;
  if (req.protocol === 'http') (lastHost = host), (lastOrigin = origin);
  return origin;
}

export class Representer {
  private readonly texts = new WeakMap<Resource, { origin: string; text: string }>();

  /** `collectionPath` is absolute on the server: `/tmf-api/shoppingCart/v4/shoppingCart`. */
  constructor(readonly collectionPath: string) {}

  href(origin: string, id: string): string {
    return `${origin}${this.collectionPath}/${encodeURIComponent(id)}`;
  }

  /** The resource as clients see it: `id` and `href` first, then the stored attributes. */
  represent(r: Resource, origin: string): Record<string, unknown> {
    const { id, href: _stale, ...rest } = r;
    return { id, href: this.href(origin, id), ...rest };
  }

  text(r: Resource, origin: string): string {
    const hit = this.texts.get(r);
    if (hit && hit.origin === origin) return hit.text;
    const text = JSON.stringify(this.represent(r, origin));
    this.texts.set(r, { origin, text });
    return text;
  }

  /** What `text` answers for the resource `stored` was serialized from, without parsing it. */
  textOf(stored: StoredText, origin: string): string {
    const head = `{"id":${JSON.stringify(stored.id)},"href":${JSON.stringify(this.href(origin, stored.id))}`;
    return stored.rest.length === 2 ? `${head}}` : `${head},${stored.rest.slice(1)}`;
  }

  listText(items: readonly Resource[], origin: string): string {
    if (items.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < items.length; i++) out += (i ? ',' : '') + this.text(items[i]!, origin);
    return `${out}]`;
  }
}
