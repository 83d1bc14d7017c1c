/** `href-resolvable`: GET on the resource's `href` (or another URI naming it: `label`) answers 200 with the same resource. */
import type { Check } from './types.js';
import { fail, isObject, jsonBody, pass, preview, skip } from './util.js';

export const hrefResolvable: Check = (ex, ctx) => {
  if (!ex.response) return skip('no response');
  const label = typeof ctx.params.label === 'string' ? ctx.params.label : 'the href';
  // The Location of a 201 names the created resource (RFC 9110 §10.2.2); an href, TMF630's resource link.
  const source = label === 'the Location' ? 'RFC' as const : 'TMF630' as const;
  if (ex.response.status !== 200) return fail(`GET ${ex.request.url} (${label}) answered ${ex.response.status}, not 200`, { source });
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return fail(`GET ${ex.request.url} (${label}) did not answer a JSON resource`, { source });
  const id = ctx.params.id;
  if (!isObject(b.value) || b.value.id !== id) {
    return fail(`GET ${ex.request.url} (${label}) answered ${isObject(b.value) ? `resource ${preview(b.value.id, 40)}` : preview(b.value, 40)}, not ${preview(id, 40)}`, { source });
  }
  return pass(ex.request.url, { source });
};
