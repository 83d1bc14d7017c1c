/**
 * `total-count`: X-Total-Count (when sent) counts the matches. On a list answer that holds every match
 * (`complete: true`: a search by the created resource's id, which matches one resource that any page holds)
 * it is the number of items, plus the offset. With `lastItem: true` (the page `offset=X-Total-Count−1, limit=1`
 * of a plain list) the page holds the last match: empty means fewer match than claimed. Source: the document's
 * X-Total-Count ("Total number of items matching criteria").
 */
import type { Check } from './types.js';
import { askedPage, claimedTotal, headerPointer } from './paging-util.js';
import { fail, is2xx, jsonBody, pass, skip } from './util.js';

export const totalCount: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!Array.isArray(b.value)) return skip('not a list answer');
  const pointer = headerPointer(ctx.op, 'X-Total-Count');
  const source = pointer ? { source: 'document' as const, cite: `document ${pointer}: "Total number of items matching criteria"` } : { source: 'TMF630' as const };
  const offset = askedPage(ex.request.url).offset ?? 0;
  if (ctx.params.lastItem === true) {
    if (b.value.length > 0) return pass(`the item at offset ${offset} exists`, { source: source.source });
    return fail(`X-Total-Count claimed ${offset + 1} but the page at offset ${offset} (the last item it implies) is empty`, source);
  }
  const total = claimedTotal(ex);
  if (total === undefined) return skip('no X-Total-Count sent');
  if (ctx.params.complete !== true) return skip('the answer may be one page of more matches');
  const expected = offset + b.value.length;
  if (total !== expected) {
    return fail(`X-Total-Count is ${total} but the answer holds every match: ${b.value.length} item(s)${offset ? ` after offset ${offset}` : ''}`, source);
  }
  return pass(`X-Total-Count ${total}`, { source: source.source });
};
