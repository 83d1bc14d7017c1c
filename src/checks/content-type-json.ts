/**
 * `content-type-json`: an answer with a body says it is JSON, as the document declares (`produces`, or the
 * response's `content` in OpenAPI 3). `application/json` with or without `;charset=utf-8` is the same media
 * type (RFC 8259): a difference from the document's declaration is an advisory, a failure only in strict mode.
 */
import { charsetAdvisory, header, isJsonMediaType } from '../tmf/media-types.js';
import { advisoryNote, strictReason } from '../tmf/policy.js';
import type { Check } from './types.js';
import { fail, pass, preview, skip } from './util.js';

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Where the document declares the media type of this answer. */
function declaredAt(ctx: Parameters<Check>[1], status: number): string {
  if (ctx.api.format === 'openapi3' && ctx.op) return `document #/paths/${escape(ctx.op.path)}/${ctx.op.method}/responses/${status}/content: ${ctx.api.mediaType}`;
  return `document #/produces: ${ctx.api.mediaType}`;
}

export const contentTypeJson: Check = (ex, ctx) => {
  if (!ex.response) return skip('no response');
  if (ex.response.status === 204 || (!ex.response.body && ex.response.status < 300 && ctx.expect.includes(204))) return skip('no body expected');
  const ct = header(ex.response.headers, 'content-type');
  const cite = declaredAt(ctx, ex.response.status);
  if (!ct) return fail('no Content-Type header', { source: 'document', cite });
  if (!isJsonMediaType(ct)) return fail(`Content-Type is ${preview(ct, 60)}, not JSON`, { source: 'document', cite });
  const note = charsetAdvisory(ct, ctx.api.mediaType);
  if (note && ctx.strict) return fail(strictReason('json-charset', note), { source: 'document', cite });
  return pass(ct, { source: 'document', ...(note ? { advisory: advisoryNote('json-charset', note) } : {}) });
};
