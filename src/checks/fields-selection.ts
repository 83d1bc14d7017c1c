/**
 * `fields-selection`: an answer to `fields=a,b` carries only those attributes, plus id, href and @type
 * (TMF630; an advisory notes href/@type). Strict mode does not refuse them: the cases' titles (N4/N5) promise
 * "plus id, href and @type", and no document forbids them. `present`: selected attributes the resource has,
 * which must come back.
 */
import { extraAttributes } from '../tmf/fields.js';
import { advisoryNote } from '../tmf/policy.js';
import type { Check } from './types.js';
import { fail, idOf, is2xx, isObject, itemsOf, jsonBody, listed, pass, skip, stringList } from './util.js';

export const fieldsSelection: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  const fields = stringList(ctx.params.fields);
  const selection = `fields=${fields.join(',')}`;
  const problems: string[] = [];
  const bonus = new Set<string>();
  for (const item of itemsOf(b.value)) {
    if (!isObject(item)) continue;
    const extra = extraAttributes(item, fields);
    if (extra.length) problems.push(`${idOf(item)} came back with ${listed(extra, 4)}`);
    const missing = stringList(ctx.params.present).filter((f) => item[f.split('.')[0]!] === undefined);
    if (missing.length) problems.push(`${idOf(item)} lacks the selected ${missing.join(', ')}`);
    for (const k of ['href', '@type']) if (!fields.includes(k) && Object.hasOwn(item, k)) bonus.add(k);
  }
  if (problems.length) return fail(`${selection} not applied: ${listed(problems, 3)}`, { source: 'TMF630' });
  const advisory = bonus.size ? advisoryNote('fields-extra-keys', `${[...bonus].join(' and ')} returned beside ${selection} (TMF630 allows id, href and @type)`) : undefined;
  return pass(selection, { source: 'TMF630', ...(advisory ? { advisory } : {}) });
};
