/** What the paging checks share: the offset and limit a request asked, the total a list answer claims, ids of items. */
import { header } from '../tmf/media-types.js';
import type { Exchange } from '../core/results.js';
import type { Operation } from '../document/model.js';
import { isObject } from './util.js';

export function askedPage(url: string): { offset?: number; limit?: number } {
  const q = new URL(url).searchParams;
  const n = (k: string) => (q.has(k) && Number.isInteger(Number(q.get(k))) ? Number(q.get(k)) : undefined);
  return { offset: n('offset'), limit: n('limit') };
}

/** X-Total-Count as an integer, when sent as one. */
export function claimedTotal(ex: Exchange): number | undefined {
  const raw = header(ex.response?.headers ?? {}, 'X-Total-Count');
  return raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
}

/** The identity of list items: their ids (or their JSON when they have none). */
export function itemKeys(items: unknown): string[] {
  return Array.isArray(items) ? items.map((i) => (isObject(i) && i.id !== undefined ? String(i.id) : JSON.stringify(i))) : [];
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The document's declaration of a list response header, as a JSON pointer (when the operation declares it). A
 * Postman export embeds only method, path and responses of an operation: every field may be absent.
 */
export function headerPointer(op: Operation | undefined, name: string): string | undefined {
  const declared = op?.responses?.['200']?.headers?.find((h) => h.toLowerCase() === name.toLowerCase());
  return op && declared ? `#/paths/${escape(op.path)}/${op.method}/responses/200/headers/${escape(declared)}` : undefined;
}

/** The document's declaration of a query parameter, as a JSON pointer (when the operation declares it). */
export function parameterPointer(op: Operation | undefined, name: string): string | undefined {
  const i = op?.parameters?.findIndex((p) => p.name === name && p.in === 'query') ?? -1;
  return op && i >= 0 ? `#/paths/${escape(op.path)}/${op.method}/parameters/${i}` : undefined;
}
