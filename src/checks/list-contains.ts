/**
 * `list-contains`: a list answer contains the resource the case created. With `onlyIfComplete`, a partial
 * page (fewer items than X-Total-Count, or 206) skips: the resource may be on another page.
 */
import { header } from '../tmf/media-types.js';
import type { Check } from './types.js';
import { fail, is2xx, isObject, jsonBody, pass, preview, skip } from './util.js';

export const listContains: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!Array.isArray(b.value)) return fail('a list answer is not an array', { source: 'document' });
  const id = ctx.params.id;
  if (b.value.some((item) => isObject(item) && item.id === id)) return pass(`${preview(id, 40)} found`, { source: 'kit' });
  const total = Number(header(ex.response!.headers, 'X-Total-Count'));
  const partial = ex.response!.status === 206 || (Number.isInteger(total) && total > b.value.length);
  if (ctx.params.onlyIfComplete && partial) return skip(`partial list (${b.value.length} item(s) of ${Number.isInteger(total) ? total : 'more'}): the resource may be on another page`);
  return fail(`the created resource ${preview(id, 40)} is not among the ${b.value.length} item(s) returned`, { source: 'kit' });
};
