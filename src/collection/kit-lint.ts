/**
 * What a TM Forum kit gets wrong, found by reading it: named as advisories on the case, never failures.
 *
 * - `[kit-assertion-cannot-fail]` `pm.expect(a) == b` without a matcher: the comparison's result is thrown away,
 *   so the `pm.test` passes whatever the server answers (hundreds of them in the TMF666 and TMF699 v4 kits).
 * - `[kit-variable-unset]` a request uses `{{NAME}}` that neither the environment, the collection nor any script
 *   of the kit sets: newman sends the text `{{NAME}}` as it is.
 */
import type { PostmanCollection, PostmanItem } from './postman.js';
import { isFolder } from './postman.js';

export const CANNOT_FAIL = 'kit-assertion-cannot-fail';
export const VARIABLE_UNSET = 'kit-variable-unset';

/** `pm.expect(<expr without matcher>) ==` (also `===`, `!=`, `!==`); nested parentheses one level deep. */
const EXPECT_COMPARED = /pm\.expect\(((?:[^()]|\([^()]*\))*)\)\s*(===?|!==?)/g;
const VARIABLE_USE = /\{\{\s*([^{}$\s][^{}]{0,100}?)\s*\}\}/g;
const VARIABLE_SET = /(?:pm\.(?:globals|environment|variables|collectionVariables)\.set|postman\.set(?:Global|Environment)Variable)\(\s*['"`]([^'"`]{1,100})['"`]/g;

export function scriptText(item: PostmanItem, listen?: 'test' | 'prerequest'): string {
  return (item.event ?? []).filter((e) => !listen || e.listen === listen)
    .map((e) => (Array.isArray(e.script?.exec) ? e.script.exec.join('\n') : String(e.script?.exec ?? ''))).join('\n');
}

/** The assertions of a test script that cannot fail, as written (bounded). */
export function cannotFail(script: string): string[] {
  return [...script.matchAll(EXPECT_COMPARED)].map((m) => `pm.expect(${m[1]!.trim()}) ${m[2]} …`.slice(0, 160));
}

/** Every request of an item (the item itself, or a folder's, depth first). */
export function requestsOf(item: PostmanItem): PostmanItem[] {
  return isFolder(item) ? (item.item ?? []).flatMap(requestsOf) : [item];
}

/** Variables a kit sets anywhere: the environment's and collection's, and those its scripts set. */
export function variablesSet(collection: PostmanCollection, environmentKeys: readonly string[]): Set<string> {
  const set = new Set([...environmentKeys, ...(collection.variable ?? []).map((v) => v.key)]);
  const scripts = [collection as unknown as PostmanItem, ...collection.item.flatMap(function all(i: PostmanItem): PostmanItem[] {
    return [i, ...(i.item ?? []).flatMap(all)];
  })].map((i) => scriptText(i)).join('\n');
  for (const m of scripts.matchAll(VARIABLE_SET)) set.add(m[1]!);
  return set;
}

function requestText(item: PostmanItem): string {
  const r = item.request;
  if (!r || typeof r === 'string') return r ?? '';
  const url = typeof r.url === 'string' ? r.url : r.url?.raw ?? '';
  const body = r.body && 'raw' in r.body ? String(r.body.raw) : '';
  return [url, ...(r.header ?? []).map((h) => `${h.key}: ${h.value}`), body].join('\n');
}

/** The advisories of one top-level item (one case). */
export function lintCase(top: PostmanItem, set: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const req of requestsOf(top)) {
    const name = req.name ?? '(unnamed request)';
    const blind = cannotFail(scriptText(req, 'test'));
    if (blind.length > 0) {
      out.push(`[${CANNOT_FAIL}] ${blind.length} assertion${blind.length > 1 ? 's' : ''} of "${name}" compare${blind.length > 1 ? '' : 's'} with ${blind[0]!.includes('!=') ? '!=' : '=='} `
        + `after pm.expect(…) without a matcher, e.g. ${blind[0]}: ${blind.length > 1 ? 'they pass' : 'it passes'} whatever the server answers`);
    }
    const unset = [...new Set([...requestText(req).matchAll(VARIABLE_USE)].map((m) => m[1]!))].filter((v) => !set.has(v));
    for (const v of unset) out.push(`[${VARIABLE_UNSET}] "${name}" uses {{${v}}}, which neither the kit's environment nor any of its scripts sets: newman sends it as the text {{${v}}}`);
  }
  return out;
}
