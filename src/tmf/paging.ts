/**
 * Paging (TMF630): `offset`/`limit`, `X-Total-Count` and `X-Result-Count`. TMF630 answers a partial page
 * with 206; the v4 documents declare only 200. Both readings are accepted (see policy.ts).
 */
import { DOCUMENT_READING } from './policy.js';
import { header } from './media-types.js';

export interface Page<T> {
  items: T[];
  total: number;
  status: 200 | 206;
}

export function pageOf<T>(all: readonly T[], offset: number, limit: number | undefined, partialStatus: 200 | 206 = 206): Page<T> {
  const items = all.slice(offset, limit === undefined ? undefined : offset + limit);
  const partial = items.length < all.length;
  return { items, total: all.length, status: partial ? partialStatus : 200 };
}

export function pagingHeaders(total: number, count: number): Record<string, string> {
  return { 'X-Total-Count': String(total), 'X-Result-Count': String(count) };
}

export interface PagingVerdict {
  problems: string[];
  advisories: string[];
}

/**
 * Runner side: are a list answer's status and paging headers consistent with its body?
 * Missing headers are problems only when `requireHeaders` (the document declares them).
 */
export function checkPaging(
  status: number, headers: Record<string, string>, bodyLength: number,
  asked: { offset?: number; limit?: number }, requireHeaders = true,
): PagingVerdict {
  const v: PagingVerdict = { problems: [], advisories: [] };
  const result = header(headers, 'X-Result-Count');
  const total = header(headers, 'X-Total-Count');
  if (result === undefined || total === undefined) {
    if (requireHeaders) v.problems.push(`missing ${[result === undefined && 'X-Result-Count', total === undefined && 'X-Total-Count'].filter(Boolean).join(' and ')}`);
  }
  const r = result === undefined ? undefined : Number(result);
  const t = total === undefined ? undefined : Number(total);
  if (r !== undefined && (!Number.isInteger(r) || r !== bodyLength)) v.problems.push(`X-Result-Count is ${result} but the body holds ${bodyLength} items`);
  if (t !== undefined && (!Number.isInteger(t) || (r !== undefined && t < r))) v.problems.push(`X-Total-Count ${total} is less than X-Result-Count ${result}`);
  if (asked.limit !== undefined && bodyLength > asked.limit) v.problems.push(`limit=${asked.limit} but ${bodyLength} items came back`);
  if (t !== undefined && Number.isInteger(t)) {
    const partial = bodyLength < t;
    if (status === 206 && !partial) v.problems.push('206 Partial Content for a complete collection');
    if (status === 200 && partial) v.advisories.push(`partial page answered 200 (${DOCUMENT_READING}); TMF630 answers 206 Partial Content`);
    if (status === 206 && partial) v.advisories.push('partial page answered 206 (TMF630); the document declares only 200');
  }
  return v;
}
