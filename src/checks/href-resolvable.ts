/** `href-resolvable`: GET on the resource's `href` answers 200 with the same resource. */
import type { Check } from './types.js';
import { fail, isObject, jsonBody, pass, preview, skip } from './util.js';

export const hrefResolvable: Check = (ex, ctx) => {
  if (!ex.response) return skip('no response');
  if (ex.response.status !== 200) return fail(`GET ${ex.request.url} (the href) answered ${ex.response.status}, not 200`, { source: 'TMF630' });
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return fail(`GET ${ex.request.url} (the href) did not answer a JSON resource`, { source: 'TMF630' });
  const id = ctx.params.id;
  if (!isObject(b.value) || b.value.id !== id) {
    return fail(`GET ${ex.request.url} (the href) answered ${isObject(b.value) ? `resource ${preview(b.value.id, 40)}` : preview(b.value, 40)}, not ${preview(id, 40)}`, { source: 'TMF630' });
  }
  return pass(ex.request.url, { source: 'TMF630' });
};
