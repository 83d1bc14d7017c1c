/** `json-body`: an answer that should carry a body carries valid JSON, complete (not cut at the size cap). */
import type { Check } from './types.js';
import { fail, pass, preview, skip } from './util.js';

export const jsonBody: Check = (ex, ctx) => {
  const res = ex.response;
  if (!res) return skip('no response');
  if (res.status === 204) return res.body ? fail(`204 No Content with a body of ${res.body.length} characters`, { source: 'TMF630' }) : skip('204 No Content');
  if (res.truncated) return fail(`body larger than the ${Math.round((res.body?.length ?? 0) / 1024)} KiB cap: not read to the end`, { source: 'kit' });
  if (!res.body) return fail('empty body', { source: 'kit' });
  if (!ctx.body.ok) return fail(`body is not valid JSON (${ctx.body.error}): ${preview(res.body, 60)}`, { source: 'kit' });
  return pass();
};
