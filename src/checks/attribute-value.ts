/**
 * `attribute-value`: the attribute at a JSON pointer holds one of the given values (a state reached).
 * `when: { value, equals }` applies the check only when a captured value equals something; `optional: true`
 * skips when the attribute is absent (no source requires it: only its value, when sent, is judged).
 */
import { valueAt } from '../schema/errors.js';
import type { Check } from './types.js';
import { fail, is2xx, isObject, jsonBody, pass, preview, skip } from './util.js';

export const attributeValue: Check = (ex, ctx) => {
  const { pointer, oneOf, when } = ctx.params as { pointer?: string; oneOf?: unknown[]; when?: unknown };
  if (isObject(when) && when.value !== when.equals) return skip(`applies only when ${preview(when.equals, 30)}; it is ${preview(when.value, 30)}`);
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  const got = valueAt(b.value, pointer ?? '');
  if (got === undefined && ctx.params.optional === true) return skip(`${pointer} absent (not required)`);
  const allowed = Array.isArray(oneOf) ? oneOf : [];
  if (allowed.includes(got)) return pass(`${pointer} is ${preview(got, 40)}`, { source: 'document' });
  return fail(`${pointer} is ${preview(got, 40)}, expected one of ${allowed.map((v) => preview(v, 30)).join(', ')}`, { source: 'document' });
};
