/**
 * `mandatory-attributes`: every attribute the conformance rules require is in the answer (each item of a
 * list). Each rule names its source: `document` (the schema's required list), `kit` (what TM Forum's kit
 * checks) or `profile` (a conformance profile's table), with a citation a reader can check. A rule without a
 * citation, or marked advisory (a reading the documents leave open), is a recommendation: its absence is
 * noted, never a failure, in strict mode too (never cry wolf).
 */
import type { MandatoryAttribute } from '../core/case-model.js';
import { citationText, isCitation } from '../core/citation.js';
import { advisoryNote } from '../tmf/policy.js';
import type { Check } from './types.js';
import { fail, idOf, is2xx, isObject, itemsOf, jsonBody, listed, pass, skip } from './util.js';

function attributes(v: unknown): MandatoryAttribute[] {
  return Array.isArray(v) ? v.filter((a): a is MandatoryAttribute => isObject(a) && typeof a.name === 'string') : [];
}

const present = (item: Record<string, unknown>, name: string) => item[name] !== undefined && item[name] !== null;
const binding = (r: MandatoryAttribute) => r.level !== 'advisory' && isCitation(r.cite);

function missingIn(items: unknown[], rules: MandatoryAttribute[], list: boolean) {
  const failures: string[] = [];
  const notes = new Set<string>();
  const failed = new Map<string, MandatoryAttribute>();
  for (const item of items) {
    if (!isObject(item)) { failures.push(`${idOf(item)}: not an object`); continue; }
    const missing = rules.filter((r) => !present(item, r.name));
    const hard = missing.filter(binding);
    for (const r of missing.filter((m) => !binding(m))) notes.add(`${r.name} (${isCitation(r.cite) ? r.source : 'no checkable source'}, recommended)`);
    if (hard.length) failures.push(`${list ? `item ${idOf(item)} ` : ''}misses ${hard.map((r) => `${r.name} (${r.source})`).join(', ')}`);
    hard.forEach((r) => failed.set(r.name, r));
  }
  return { failures, notes, failed: [...failed.values()] };
}

export const mandatoryAttributes: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  const rules = attributes(ctx.params.attributes);
  const { failures, notes, failed } = missingIn(itemsOf(b.value), rules, Array.isArray(b.value));
  if (failures.length) {
    const source = failed.some((r) => r.source === 'profile') ? 'profile' : failed.some((r) => r.source === 'kit') ? 'kit' : 'document';
    const cite = [...new Set(failed.map((r) => `${r.name}: ${citationText(r.cite!)}`))].join('; ');
    return fail(listed(failures, 3), { source, ...(cite ? { cite } : {}) });
  }
  const advisory = notes.size ? advisoryNote('mandatory-attributes', `absent: ${[...notes].join(', ')}`) : undefined;
  return pass(`${rules.map((r) => r.name).join(', ')} present`, { source: 'profile', ...(advisory ? { advisory } : {}) });
};
