import type { JsonSchema } from './model.js';
import { refName } from './refs.js';

/** The properties and required list of a definition, following `$ref` and `allOf` (v5 documents). */
export function flatten(defs: Record<string, JsonSchema>, name: string | undefined, depth = 0): { properties: Record<string, JsonSchema>; required: string[] } {
  const out = { properties: {} as Record<string, JsonSchema>, required: [] as string[] };
  if (!name || depth > 12) return out;
  const s = defs[name];
  if (!s) return out;
  mergeInto(out, defs, s, depth);
  return out;
}

function mergeInto(out: { properties: Record<string, JsonSchema>; required: string[] }, defs: Record<string, JsonSchema>, s: JsonSchema, depth: number): void {
  const ref = refName(s.$ref);
  if (ref) {
    const sub = flatten(defs, ref, depth + 1);
    Object.assign(out.properties, sub.properties);
    out.required.push(...sub.required);
  }
  if (Array.isArray(s.allOf)) for (const part of s.allOf as JsonSchema[]) mergeInto(out, defs, part, depth + 1);
  if (s.properties && typeof s.properties === 'object') Object.assign(out.properties, s.properties);
  if (Array.isArray(s.required)) out.required.push(...(s.required as string[]));
  out.required = [...new Set(out.required)];
}

/** Names of the definitions a definition extends through `allOf` (transitively). */
export function ancestors(defs: Record<string, JsonSchema>, name: string, seen = new Set<string>()): Set<string> {
  const s = defs[name];
  if (!s || seen.has(name)) return seen;
  for (const part of (Array.isArray(s.allOf) ? s.allOf : []) as JsonSchema[]) {
    const parent = refName(part.$ref);
    if (parent && !seen.has(parent)) {
      seen.add(parent);
      ancestors(defs, parent, seen);
    }
  }
  return seen;
}
