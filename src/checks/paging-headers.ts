/**
 * `paging-headers`: a page asked with offset/limit has at most `limit` items and X-Result-Count/X-Total-Count
 * consistent with it. 200 and 206 are both accepted for a partial page (TMF630 vs the document), with an
 * advisory naming the reading taken. `minTotal`: the case created that many, so the total is at least that.
 */
import { header } from '../tmf/media-types.js';
import { checkPaging } from '../tmf/paging.js';
import { advisoryNote, strictReason } from '../tmf/policy.js';
import type { Check } from './types.js';
import { fail, is2xx, jsonBody, pass, skip } from './util.js';

function asked(url: string): { offset?: number; limit?: number } {
  const q = new URL(url).searchParams;
  const n = (k: string) => (q.has(k) && Number.isFinite(Number(q.get(k))) ? Number(q.get(k)) : undefined);
  return { offset: n('offset'), limit: n('limit') };
}

export const pagingHeaders: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!Array.isArray(b.value)) return fail('a list answer is not an array', { source: 'document' });
  const declared = ctx.op?.responses['200']?.headers ?? [];
  const requireHeaders = declared.some((h) => /^x-(total|result)-count$/i.test(h));
  const verdict = checkPaging(ex.response!.status, ex.response!.headers, b.value.length, asked(ex.request.url), requireHeaders);
  const total = Number(header(ex.response!.headers, 'X-Total-Count'));
  const minTotal = typeof ctx.params.minTotal === 'number' ? ctx.params.minTotal : 0;
  if (Number.isInteger(total) && total < minTotal) verdict.problems.push(`X-Total-Count is ${total} although at least ${minTotal} exist`);
  if (ctx.strict && ex.response!.status === 206) verdict.problems.push(strictReason('partial-page-status', '206 answered; the document declares only 200'));
  if (verdict.problems.length) return fail(verdict.problems.join('; '), { source: requireHeaders ? 'document' : 'TMF630' });
  return pass(`${b.value.length} item(s)`, { source: 'TMF630', ...(verdict.advisories.length ? { advisory: advisoryNote('partial-page-status', verdict.advisories.join('; ')) } : {}) });
};
