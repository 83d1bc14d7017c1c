/** `error-shape`: a 4xx/5xx answer carries a TMF Error body (an object with string `code` and `reason`). */
import { errorShapeProblems } from '../tmf/errors.js';
import type { Check } from './types.js';
import { fail, jsonBody, pass, skip } from './util.js';

export const errorShape: Check = (ex, ctx) => {
  if (!ex.response) return skip('no response');
  if (ex.response.status < 400) return skip(`${ex.response.status} is not an error`);
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return fail('the error body is not JSON, not a TMF Error', { source: 'TMF630' });
  const problems = errorShapeProblems(b.value);
  return problems.length ? fail(`not a TMF Error: ${problems.join('; ')}`, { source: 'TMF630' }) : pass(undefined, { source: 'TMF630' });
};
