/**
 * `total-count`: on a list answer that holds every match, X-Total-Count (when sent) is the number of items.
 * The case says when the answer is complete (`complete: true`: a search by the created resource's id, which
 * matches one resource that any page holds); a page after the first adds its offset. Source: the document's
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
  const total = claimedTotal(ex);
  if (total === undefined) return skip('no X-Total-Count sent');
  if (ctx.params.complete !== true) return skip('the answer may be one page of more matches');
  const offset = askedPage(ex.request.url).offset ?? 0;
  const pointer = headerPointer(ctx.op, 'X-Total-Count');
  const source = pointer ? { source: 'document' as const, cite: `document ${pointer}: "Total number of items matching criteria"` } : { source: 'TMF630' as const };
  const expected = offset + b.value.length;
  if (total !== expected) {
    return fail(`X-Total-Count is ${total} but the answer holds every match: ${b.value.length} item(s)${offset ? ` after offset ${offset}` : ''}`, source);
  }
  return pass(`X-Total-Count ${total}`, { source: source.source });
};
