/**
 * `status-code-conformance`: the status is one the step expects and the document declares for the operation.
 * An expected status the document does not declare (206 for a partial page, TMF630's reading) passes with an
 * advisory; strict mode fails it.
 */
import type { Check } from './types.js';
import { fail, pass, skip } from './util.js';

export const statusCodeConformance: Check = (ex, ctx) => {
  if (!ex.response) return skip('no response');
  const got = ex.response.status;
  const declared = ctx.op ? Object.keys(ctx.op.responses).filter((s) => /^\d{3}$/.test(s)).map(Number) : [];
  const expected = ctx.expect.join(' or ');
  if (!ctx.expect.includes(got)) {
    const source = ctx.expect.some((s) => declared.includes(s)) ? 'document' : 'TMF630';
    return fail(`expected ${expected}, got ${got}${ex.redirects?.length ? ` (after ${ex.redirects.length} redirect(s))` : ''}`, { source });
  }
  if (declared.length > 0 && !declared.includes(got)) {
    const note = `${got} is not declared by the document for ${ctx.op!.method.toUpperCase()} ${ctx.op!.path} (declared: ${declared.join(', ')}); TMF630 allows it`;
    return ctx.strict ? fail(`strict: ${note}`, { source: 'document' }) : pass(undefined, { advisory: note, source: 'TMF630' });
  }
  return pass(`${got}`, { source: declared.length ? 'document' : 'TMF630' });
};
