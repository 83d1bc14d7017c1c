/**
 * `offset-honoured`: page `offset=k, limit=k` continues page `offset=0, limit=k` instead of repeating it.
 * `previous` holds two reads of the first page: when they differ, the server's order is not stable without a
 * sort and the continuation cannot be judged (skip). Source: the document's `offset` parameter ("Requested
 * index for start of resources to be provided in response").
 */
import type { Check } from './types.js';
import { itemKeys, parameterPointer } from './paging-util.js';
import { fail, is2xx, jsonBody, listed, pass, skip } from './util.js';

export const offsetHonoured: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  const reads = Array.isArray(ctx.params.previous) ? ctx.params.previous.map(itemKeys) : [];
  if (reads.length < 2 || !Array.isArray(b.value)) return skip('no earlier page to compare with');
  const [first, again] = reads as [string[], string[]];
  if (first.join('\u0000') !== again.join('\u0000')) return skip('the first page changed between two reads: the server\'s order is not stable without a sort, so offset cannot be judged');
  const page = itemKeys(b.value);
  const repeated = page.filter((k) => first.includes(k));
  const pointer = parameterPointer(ctx.op, 'offset');
  const source = pointer ? { source: 'document' as const, cite: `document ${pointer} (offset): "Requested index for start of resources to be provided in response"` } : { source: 'TMF630' as const };
  if (repeated.length > 0) return fail(`offset ignored: the page at offset ${first.length} repeats ${listed(repeated, 3)} from offset 0`, source);
  return pass(`continues the first page (${page.length} new item(s))`, { source: source.source });
};
