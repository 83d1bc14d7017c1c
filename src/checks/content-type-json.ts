/**
 * `content-type-json`: an answer with a body says it is JSON. `application/json` with or without
 * `;charset=utf-8` is the same media type (RFC 8259): a difference from the document's declaration is an
 * advisory, a failure only in strict mode.
 */
import { charsetAdvisory, header, isJsonMediaType } from '../tmf/media-types.js';
import { advisoryNote, strictReason } from '../tmf/policy.js';
import type { Check } from './types.js';
import { fail, pass, preview, skip } from './util.js';

export const contentTypeJson: Check = (ex, ctx) => {
  if (!ex.response) return skip('no response');
  if (ex.response.status === 204 || (!ex.response.body && ex.response.status < 300 && ctx.expect.includes(204))) return skip('no body expected');
  const ct = header(ex.response.headers, 'content-type');
  if (!ct) return fail('no Content-Type header', { source: 'kit' });
  if (!isJsonMediaType(ct)) return fail(`Content-Type is ${preview(ct, 60)}, not JSON`, { source: 'kit' });
  const note = charsetAdvisory(ct, ctx.api.mediaType);
  if (note && ctx.strict) return fail(strictReason('json-charset', note), { source: 'document' });
  return pass(ct, { source: 'kit', ...(note ? { advisory: advisoryNote('json-charset', note) } : {}) });
};
