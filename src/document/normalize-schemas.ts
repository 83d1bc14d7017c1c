import type { JsonSchema, Quirk } from './model.js';
import { specializationOf } from './schema-walk.js';

/**
 * Turns the published definitions into schemas ajv compiles, handling the documents' known flaws
 * in code (the documents themselves are never edited). Every flaw handled is reported as a Quirk.
 */
const ANNOTATIONS_TO_DROP = ['example', 'examples', 'xml', 'externalDocs'];

interface Ctx {
  quirks: Map<string, Quirk>;
  def: string;
}

function note(ctx: Ctx, id: string, detail: string): void {
  const key = `${id}:${ctx.def}`;
  if (!ctx.quirks.has(key)) ctx.quirks.set(key, { id, where: ctx.def, detail });
}

function walk(node: unknown, ctx: Ctx): unknown {
  if (Array.isArray(node)) return node.map((n) => walk(n, ctx));
  if (!node || typeof node !== 'object') return node;
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '__proto__') continue;
    // Property maps are copied below, so a property *named* `example` never reaches this test.
    if (ANNOTATIONS_TO_DROP.includes(k)) {
      if (k === 'example') note(ctx, 'example-keyword', 'non-standard "example" keyword ignored by validation');
      continue;
    }
    if (k === 'properties' && v && typeof v === 'object') {
      const props: Record<string, unknown> = {};
      for (const [pk, pv] of Object.entries(v as Record<string, unknown>)) if (pk !== '__proto__') props[pk] = walk(pv, ctx);
      out.properties = props;
      continue;
    }
    out[k] = walk(v, ctx);
  }
  if (typeof out.$ref === 'string' && out.$ref.startsWith('#/components/schemas/')) {
    out.$ref = `#/definitions/${out.$ref.slice('#/components/schemas/'.length)}`;
  }
  fixEnum(out, ctx);
  fixFormat(out, ctx);
  fixNullable(out);
  fixExclusive(out);
  fixDiscriminator(out, ctx);
  return out;
}

function fixEnum(s: Record<string, unknown>, ctx: Ctx): void {
  if (!Array.isArray(s.enum)) return;
  const values = s.enum as unknown[];
  const padded = values.filter((v) => typeof v === 'string' && v !== v.trim());
  if (padded.length === 0) return;
  // `"aborted "`: accept the published value and the trimmed one a sane server sends.
  s.enum = [...new Set([...values, ...padded.map((v) => (v as string).trim())])];
  note(ctx, 'enum-whitespace', `enum values with surrounding spaces (${padded.map((v) => JSON.stringify(v)).join(', ')}) also accepted trimmed`);
}

function fixFormat(s: Record<string, unknown>, ctx: Ctx): void {
  if (s.format === 'uri') note(ctx, 'uri-relative', '"uri" format accepts relative references (href, @schemaLocation), not an empty string');
  if (s.format === 'base64') note(ctx, 'format-base64', 'non-standard "base64" format checked as base64 text');
}

function fixNullable(s: Record<string, unknown>): void {
  if (s.nullable !== true) return;
  delete s.nullable;
  if (typeof s.type === 'string') s.type = [s.type, 'null'];
}

/** Draft-04 boolean exclusiveMinimum/Maximum into draft-07 numbers. */
function fixExclusive(s: Record<string, unknown>): void {
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof s[flag] === 'boolean') {
      if (s[flag] && typeof s[bound] === 'number') {
        s[flag] = s[bound];
        delete s[bound];
      } else delete s[flag];
    }
  }
}

/** OpenAPI discriminators: ajv refuses these mappings; choose the subschema by `@type` in code. */
function fixDiscriminator(s: Record<string, unknown>, ctx: Ctx): void {
  const d = s.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (!d || typeof d !== 'object') return;
  delete s.discriminator;
  const mapping: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.mapping ?? {})) {
    const name = v.replace(/^#\/(components\/schemas|definitions)\//, '');
    if (name !== ctx.def) mapping[k] = name;
  }
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
    // The mapped subschemas are validated by tmfDiscriminator; the oneOf itself would fail on overlap.
    delete s.oneOf;
    delete s.anyOf;
  }
  if (Object.keys(mapping).length > 0) s.tmfDiscriminator = { propertyName: d.propertyName ?? '@type', mapping };
  note(ctx, 'discriminator', 'OpenAPI discriminator resolved by @type in code');
}

/** Normalizes every definition; returns copies and the quirks found. */
export function normalizeDefinitions(defs: Record<string, unknown>): { definitions: Record<string, JsonSchema>; quirks: Quirk[] } {
  const quirks = new Map<string, Quirk>();
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(defs)) {
    if (name === '__proto__') continue;
    definitions[name] = walk(schema, { quirks, def: name }) as JsonSchema;
  }
  fixUpdateRequired(definitions, quirks);
  fixPropertyCase(definitions, quirks);
  noteSubtypesInProse(definitions, quirks);
  return { definitions, quirks: [...quirks.values()] };
}

/** `X_Update` schemas that list `required` contradict partial update (TMF630): drop the list. */
function fixUpdateRequired(defs: Record<string, JsonSchema>, quirks: Map<string, Quirk>): void {
  for (const [name, s] of Object.entries(defs)) {
    if (!/(_Update|_MVO)$/.test(name) || !Array.isArray(s.required) || s.required.length === 0) continue;
    quirks.set(`update-required:${name}`, {
      id: 'update-required',
      where: name,
      detail: `required [${(s.required as string[]).join(', ')}] ignored: a PATCH may carry any subset of attributes`,
    });
    s['x-published-required'] = s.required;
    delete s.required;
  }
}

/** TMF663 `CartItem.ItemTotalPrice`: attributes are camelCase; accept both spellings. */
function fixPropertyCase(defs: Record<string, JsonSchema>, quirks: Map<string, Quirk>): void {
  for (const [name, s] of Object.entries(defs)) {
    const props = s.properties as Record<string, unknown> | undefined;
    if (!props) continue;
    for (const key of Object.keys(props)) {
      if (!/^[A-Z][a-z]/.test(key)) continue;
      const camel = key[0]!.toLowerCase() + key.slice(1);
      if (props[camel]) continue;
      props[camel] = props[key];
      quirks.set(`property-case:${name}.${key}`, {
        id: 'property-case',
        where: `${name}.${key}`,
        detail: `capitalised attribute "${key}" also accepted as "${camel}"`,
      });
    }
  }
}

/** v4 documents model inheritance without allOf; TMF666 says it in prose, which is what @type polymorphism follows. */
function noteSubtypesInProse(defs: Record<string, JsonSchema>, quirks: Map<string, Quirk>): void {
  for (const [name, s] of Object.entries(defs)) {
    const parent = specializationOf(name, s);
    if (!parent || Array.isArray(s.allOf) || !Object.hasOwn(defs, parent) || parent === name) continue;
    quirks.set(`subtype-in-prose:${name}`, {
      id: 'subtype-in-prose',
      where: name,
      detail: `a subtype of ${parent} by its description ("a specialization of entity ${parent}"): @type ${name} where ${parent} is declared is validated against ${name}`,
    });
  }
}
