/**
 * `same-page`: a page fetched through a Link URI is the page its relation names (`expected`: that page as
 * read with offset and limit), or with `last: true` a non-empty page without a `next` relation.
 */
import { header } from '../tmf/media-types.js';
import { linksByRel } from '../tmf/links.js';
import type { Check } from './types.js';
import { itemKeys } from './paging-util.js';
import { fail, is2xx, jsonBody, listed, pass, skip } from './util.js';

const SOURCE = { source: 'RFC' as const, cite: 'RFC 8288 §2 (a link names its target) and RFC 8288 §4.2 / IANA link relations first, next, prev, last' };

export const samePage: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!Array.isArray(b.value)) return fail('the linked page is not a list', SOURCE);
  const rel = typeof ctx.params.rel === 'string' ? ctx.params.rel : 'linked';
  const got = itemKeys(b.value);
  if (ctx.params.last === true) {
    if (got.length === 0) return fail(`rel="${rel}" fetched an empty page`, SOURCE);
    if (linksByRel(header(ex.response!.headers, 'link')).next) return fail(`rel="${rel}" fetched a page that links a next one`, SOURCE);
    return pass(`last page: ${got.length} item(s)`, { source: 'RFC' });
  }
  const want = itemKeys(ctx.params.expected);
  if (got.join('\u0000') !== want.join('\u0000')) return fail(`rel="${rel}" fetched ${listed(got, 3) || 'no items'}, not the page it names (${listed(want, 3) || 'no items'})`, SOURCE);
  return pass(`rel="${rel}": ${got.length} item(s) as named`, { source: 'RFC' });
};
