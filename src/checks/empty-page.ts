/**
 * `empty-page`: a page asked past the end of the collection (offset ≥ X-Total-Count) is an empty list.
 * The status (200 or 206, never 5xx) is judged by status-code-conformance and no-server-error.
 */
import type { Check } from './types.js';
import { askedPage, parameterPointer } from './paging-util.js';
import { fail, is2xx, jsonBody, pass, skip } from './util.js';

export const emptyPage: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  const pointer = parameterPointer(ctx.op, 'offset');
  const source = pointer ? { source: 'document' as const, cite: `document ${pointer} (offset)` } : { source: 'TMF630' as const };
  if (!Array.isArray(b.value)) return fail('a list answer is not an array', source);
  if (b.value.length > 0) return fail(`offset ${askedPage(ex.request.url).offset ?? '?'} is past the end, yet ${b.value.length} item(s) came back`, source);
  return pass('empty page', { source: source.source });
};
