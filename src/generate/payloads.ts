/**
 * The payloads of one resource, generated from its document: minimal (the create schema's required
 * attributes), rich (every writable attribute one level deep, arrays of one) and a patch (one writable
 * attribute of each kind). Each is validated with the API's own ajv validators (the ones the mock and the
 * checks use) before any case sends it; what the document makes impossible is reported, not sent.
 */
import type { ApiModel, JsonSchema, ResourceModel } from '../document/model.js';
import { schemasFor, type SchemaSet } from '../schema/schema-set.js';
import { random, hashSeed } from './random.js';
import { flatten } from '../document/schema-walk.js';
import { baseName, isValue, valueFor, type GenContext, type Richness } from './values.js';

export type Payload = Record<string, unknown>;

export interface ResourcePayloads {
  minimal?: Payload;
  rich?: Payload;
  patch?: Payload;
  /** Why a payload could not be made valid (the case that needs it says so and skips). */
  problems: string[];
}

/** Rich attributes dropped one by one when the document rejects them (at most this many retries). */
const MAX_DROPS = 40;

function context(api: ApiModel, mode: Richness, seed: number, what: string, salt = ''): GenContext {
  return { defs: api.definitions, rng: random(hashSeed(seed, api.id, api.version, what, mode, salt)), mode, problems: [], salt, counter: { n: 0 } };
}

/** A payload for a definition, generated at a richness, `undefined` with problems when none can be made. */
export function generatePayload(api: ApiModel, def: string, mode: Richness, seed = 1): { value?: Payload; problems: string[] } {
  const ctx = context(api, mode, seed, def);
  const v = valueFor({ $ref: `#/definitions/${def}` }, { def, depth: 0, prop: def, required: true, viaRef: false }, ctx);
  if (!isValue(v) || !v || typeof v !== 'object' || Array.isArray(v)) return { problems: ctx.problems.length ? ctx.problems : [`${def} is not an object`] };
  return { value: v as Payload, problems: ctx.problems };
}

function errorText(schemas: SchemaSet, def: string, value: unknown): string | undefined {
  const r = schemas.validate(def, value);
  if (r.valid) return undefined;
  return r.errors.slice(0, 3).map((e) => `${e.pointer || '(root)'} ${e.message}`).join('; ');
}

/** Drops the optional top-level attributes the validator rejects until the payload is valid (or nothing is left to drop). */
function pruned(schemas: SchemaSet, def: string, value: Payload, keep: ReadonlySet<string>): Payload {
  let out = { ...value };
  for (let i = 0; i < MAX_DROPS; i++) {
    const r = schemas.validate(def, out);
    if (r.valid) return out;
    const bad = r.errors.map((e) => e.pointer.split('/')[1]).find((k): k is string => !!k && !keep.has(k) && Object.hasOwn(out, k));
    if (!bad) break;
    const { [bad]: _dropped, ...rest } = out;
    out = rest;
  }
  return out;
}

function kindOf(schema: JsonSchema | undefined, defs: Record<string, JsonSchema>): string {
  const ref = typeof schema?.$ref === 'string' ? schema.$ref.split('/').pop() : undefined;
  const s = ref ? defs[ref] ?? {} : schema ?? {};
  if (Array.isArray(s.enum)) return 'enum';
  const t = Array.isArray(s.type) ? s.type[0] : s.type ?? (s.properties || s.allOf ? 'object' : undefined);
  return t === 'integer' ? 'number' : String(t);
}

/** Identity, metadata, and states: a state change is a transition the server may refuse (its state machine), not an attribute update. */
const NOT_PATCHED = new Set(['@type', '@baseType', '@schemaLocation', 'id', 'href', 'state', 'status', 'lifecycleStatus']);

/** One patchable attribute of each kind (text first: `description`, `name`), with values that differ from the rich payload's. */
function generatePatch(api: ApiModel, resource: ResourceModel, seed: number): Payload | undefined {
  const def = resource.updateSchemaName;
  if (!def || !resource.operations.patch) return undefined;
  const full = generatePayload(api, def, 'rich', seed + 7919);
  const ctx = context(api, 'rich', seed, def, ' patched');
  const props = (api.definitions[def] && full.value) ? Object.keys(full.value) : [];
  const byKind = new Map<string, string>();
  const ordered = [...props.filter((p) => p === 'description' || p === 'name'), ...props];
  for (const p of ordered) {
    if (NOT_PATCHED.has(p) || !resource.patchable.includes(p)) continue;
    const kind = kindOf(propertySchema(api, def, p), api.definitions);
    if (!byKind.has(kind)) byKind.set(kind, p);
  }
  // v5: `@type` stays required in the Update (MVO) schema through its Extensible part.
  const patch: Payload = flatten(api.definitions, def).required.includes('@type') ? { '@type': baseName(def) } : {};
  for (const p of byKind.values()) {
    const v = valueFor(propertySchema(api, def, p), { def, depth: 1, prop: p, required: false, viaRef: true }, ctx);
    if (isValue(v)) patch[p] = v;
  }
  return Object.keys(patch).some((k) => k !== '@type') ? patch : undefined;
}

function propertySchema(api: ApiModel, def: string, prop: string): JsonSchema | undefined {
  const seen = new Set<string>();
  const find = (name: string): JsonSchema | undefined => {
    if (seen.has(name)) return undefined;
    seen.add(name);
    const s = api.definitions[name];
    const own = (s?.properties as Record<string, JsonSchema> | undefined)?.[prop];
    if (own) return own;
    for (const part of (Array.isArray(s?.allOf) ? s.allOf : []) as JsonSchema[]) {
      const ref = typeof part.$ref === 'string' ? part.$ref.split('/').pop() : undefined;
      const hit = ref ? find(ref) : (part.properties as Record<string, JsonSchema> | undefined)?.[prop];
      if (hit) return hit;
    }
    return undefined;
  };
  return find(def);
}

/** A value without its empty objects (`validFor: {}` where the depth limit left nothing to set); undefined when nothing is left. */
function withoutEmpty(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(withoutEmpty).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => [k, withoutEmpty(x)] as const).filter(([, x]) => x !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return v;
}

/**
 * A patch whose every attribute changes something: an empty object in a merge patch changes nothing (RFC 7396),
 * so empty parts go, and an attribute left with nothing goes, wherever the document still accepts the patch.
 */
function meaningful(schemas: SchemaSet, def: string, patch: Payload): Payload {
  let out = { ...patch };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '@type') continue;
    const slim = withoutEmpty(v);
    if (JSON.stringify(slim) === JSON.stringify(v)) continue;
    const { [k]: _old, ...rest } = out;
    const candidate = slim === undefined ? rest : { ...rest, [k]: slim };
    if (errorText(schemas, def, candidate) === undefined) out = candidate;
  }
  return out;
}

/** Minimal, rich and patch payloads of a resource, each valid against the document (or reported why not). */
export function resourcePayloads(api: ApiModel, resource: ResourceModel, seed = 1): ResourcePayloads {
  const def = resource.createSchemaName;
  if (!def || !api.definitions[def]) return { problems: resource.operations.create ? [`the create operation declares no request schema`] : [] };
  const schemas = schemasFor(api);
  const min = generatePayload(api, def, 'minimal', seed);
  const minError = min.value && errorText(schemas, def, min.value);
  if (!min.value || minError) return { problems: [...min.problems, ...(minError ? [`generated ${def} is invalid: ${minError}`] : [])] };
  const keep = new Set(Object.keys(min.value));
  const richRaw = generatePayload(api, def, 'rich', seed);
  const rich = richRaw.value ? pruned(schemas, def, { ...richRaw.value, ...min.value }, keep) : min.value;
  const richOk = errorText(schemas, def, rich) === undefined;
  let patch = generatePatch(api, resource, seed);
  if (patch && resource.updateSchemaName) {
    patch = meaningful(schemas, resource.updateSchemaName, pruned(schemas, resource.updateSchemaName, patch, new Set()));
    if (!Object.keys(patch).some((k) => k !== '@type') || errorText(schemas, resource.updateSchemaName, patch)) patch = undefined;
  }
  return { minimal: min.value, rich: richOk ? rich : min.value, ...(patch ? { patch } : {}), problems: [] };
}
