/**
 * `mandatory-attributes`: every attribute the conformance rules require is in the answer (each item of a
 * list). Each rule names its source: `document` (the schema's required list), `profile` (the conformance
 * profile) or `kit` (what one of TM Forum's kits checks, with the kit file and request it cites). Advisory-level attributes (a reading the documents leave open) only note their absence,
 * unless strict mode.
 */
import type { MandatoryAttribute } from '../core/case-model.js';
import { advisoryNote } from '../tmf/policy.js';
import type { Check } from './types.js';
import { fail, idOf, is2xx, isObject, itemsOf, jsonBody, listed, pass, skip } from './util.js';

function attributes(v: unknown): MandatoryAttribute[] {
  return Array.isArray(v) ? v.filter((a): a is MandatoryAttribute => isObject(a) && typeof a.name === 'string') : [];
}

const present = (item: Record<string, unknown>, name: string) => item[name] !== undefined && item[name] !== null;
const named = (r: MandatoryAttribute) => `${r.name} (${r.source}${r.cite ? `: ${r.cite}` : ''})`;
/** The strongest source among failing rules: a kit's rule is the one a certification would fail. */
const sourceOf = (s: ReadonlySet<MandatoryAttribute['source']>) => (s.has('kit') ? 'kit' : s.has('profile') ? 'profile' : 'document');

export const mandatoryAttributes: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  const rules = attributes(ctx.params.attributes);
  const failures: string[] = [];
  const notes = new Set<string>();
  const sources = new Set<MandatoryAttribute['source']>();
  for (const item of itemsOf(b.value)) {
    if (!isObject(item)) { failures.push(`${idOf(item)}: not an object`); continue; }
    const missing = rules.filter((r) => !present(item, r.name));
    const hard = missing.filter((r) => r.level !== 'advisory' || ctx.strict);
    for (const r of missing.filter((m) => !hard.includes(m))) notes.add(`${r.name} (${r.source}, recommended)`);
    if (hard.length) failures.push(`${Array.isArray(b.value) ? `item ${idOf(item)} ` : ''}misses ${hard.map(named).join(', ')}`);
    hard.forEach((r) => sources.add(r.source));
  }
  const source = sourceOf(sources);
  if (failures.length) return fail(listed(failures, 3), { source });
  const advisory = notes.size ? advisoryNote('mandatory-attributes', `absent: ${[...notes].join(', ')}`) : undefined;
  return pass(`${rules.map((r) => r.name).join(', ')} present`, { source: 'profile', ...(advisory ? { advisory } : {}) });
};
