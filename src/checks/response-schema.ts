/**
 * `response-schema`: a 2xx body is valid against the schema the document declares for the operation and
 * status (ajv; a resource whose @type names an extending definition is validated against that one too).
 * A 206 page is validated against the declared 200 schema.
 */
import { formatError } from '../schema/errors.js';
import type { Check } from './types.js';
import { fail, is2xx, jsonBody, listed, pass, skip } from './util.js';

export const responseSchema: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  if (!ctx.op) return skip('the step maps to no operation');
  const status = ex.response!.status === 206 && !ctx.op.responses['206'] ? 200 : ex.response!.status;
  const result = ctx.schemas.validateResponse(ctx.op, status, b.value);
  if (!result) return skip(`the document declares no schema for ${status}`);
  if (result.valid) return pass(`valid against ${result.schema}`, { source: 'document' });
  return fail(`not valid against ${result.schema}: ${listed(result.errors.map(formatError), 3)}`, { source: 'document', schemaErrors: result.errors.slice(0, 50) });
};
