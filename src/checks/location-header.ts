/**
 * `location-header`: a 201's Location, when sent, is a URI and, where the created resource's href is
 * absolute, it is that href. Whether it resolves on the target to the created resource (same id) is judged by
 * the step that follows it (`href-resolvable` with the label "the Location"). Sources: RFC 9110 §10.2.2 (Location of a 201 refers to the
 * primary resource created); for TMF622 the conformance profile's href row says so in as many words.
 */
import { header } from '../tmf/media-types.js';
import type { Check } from './types.js';
import { fail, isObject, jsonBody, pass, preview, skip } from './util.js';

const RFC = 'RFC 9110 §10.2.2 (Location of a 201 refers to the primary resource created)';

function resolved(raw: string, base: string): URL | undefined {
  try {
    return new URL(raw, base);
  } catch {
    return undefined;
  }
}

export const locationHeader: Check = (ex, ctx) => {
  if (!ex.response || ex.response.status !== 201) return skip('not a 201 answer');
  const raw = header(ex.response.headers, 'location');
  if (raw === undefined) return skip('no Location header sent');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!isObject(b.value)) return skip('the answer is not a resource');
  const cite = typeof ctx.params.cite === 'string' ? `${ctx.params.cite}; ${RFC}` : RFC;
  const location = resolved(raw.trim(), ex.request.url);
  if (!location) return fail(`Location ${preview(raw, 80)} is not a URI`, { source: 'RFC', cite });
  const href = typeof b.value.href === 'string' ? b.value.href : undefined;
  const same = (a: URL | undefined, b: URL) => a !== undefined && a.origin === b.origin && a.pathname.replace(/\/+$/, '') === b.pathname.replace(/\/+$/, '') && a.search === b.search;
  if (href && /^https?:\/\//i.test(href) && !same(resolved(href, ex.request.url), location)) {
    return fail(`Location ${preview(raw, 100)} is not the created resource's href ${preview(href, 100)}`, { source: 'RFC', cite });
  }
  return pass(location.href, { source: 'RFC' });
};
