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

/**
 * The definitions a document names as a definition's direct parents: the `$ref`s of its `allOf` (v5,
 * Swagger 2.0 with discriminators), and, for v4 documents that model inheritance without `allOf`, the
 * value its `@baseType` attribute is pinned to (`enum` of one, or `default`) and the definition its
 * description calls it a specialization of ("It is a specialization of entity PartyAccount.", TMF666).
 */
export function parentsOf(defs: Record<string, JsonSchema>, name: string): string[] {
  const s = defs[name];
  if (!s) return [];
  const out = new Set<string>();
  for (const part of (Array.isArray(s.allOf) ? s.allOf : []) as JsonSchema[]) {
    const parent = refName(part.$ref);
    if (parent) out.add(parent);
  }
  const baseType = (s.properties as Record<string, JsonSchema> | undefined)?.['@baseType'];
  const pinned = Array.isArray(baseType?.enum) && baseType.enum.length === 1 ? baseType.enum[0] : baseType?.default;
  if (typeof pinned === 'string') out.add(pinned);
  const said = specializationOf(name, s);
  if (said) out.add(said);
  out.delete(name);
  return [...out].filter((p) => Object.hasOwn(defs, p));
}

const SPECIALIZATION = /\bis a speciali[sz]ation of (?:the )?(?:entity )?([A-Za-z_]\w*)/;

/**
 * The definition a v4 entity's description says it specializes, if it says so. Payload variants
 * (`BillingAccount_Create`) copy their entity's description: they specialize no entity.
 */
export function specializationOf(name: string, s: JsonSchema): string | undefined {
  if (/_(Create|Update|FVO|MVO)$/.test(name) || typeof s.description !== 'string') return undefined;
  return SPECIALIZATION.exec(s.description)?.[1];
}

/** Names of the definitions a definition extends, transitively, by what the document says (see parentsOf). */
export function ancestors(defs: Record<string, JsonSchema>, name: string, seen = new Set<string>()): Set<string> {
  for (const parent of parentsOf(defs, name)) {
    if (seen.has(parent)) continue;
    seen.add(parent);
    ancestors(defs, parent, seen);
  }
  return seen;
}
