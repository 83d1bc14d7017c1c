/**
 * Values from JSON schemas (the normalized definitions of the operation model): types, formats, enums,
 * patterns, bounds, `@type` and references as `{id, href, @referredType}`. What the generator cannot satisfy
 * (a pattern it cannot match, contradictory bounds, a required cycle) is recorded as a problem, never guessed:
 * the caller validates the result with the API's ajv validators and says why a case cannot run.
 */
import type { JsonSchema } from '../document/model.js';
import { refName } from '../document/refs.js';
import type { Random } from './random.js';

export type Richness = 'minimal' | 'rich';

export interface GenContext {
  defs: Record<string, JsonSchema>;
  rng: Random;
  mode: Richness;
  /** Why a required value could not be made. */
  problems: string[];
  /** Marks values of a second payload (patches) so they differ from the first. */
  salt: string;
  counter: { n: number };
}

/** Where a value sits: the definition it belongs to, how deep, under which attribute. */
export interface Frame {
  def?: string;
  depth: number;
  prop: string;
  required: boolean;
  /** Entered through a property's `$ref` (a discriminator may pick a subtype), not through `allOf`. */
  viaRef?: boolean;
  /** The `@type` a discriminator chose for this object. */
  typeName?: string;
}

interface Shape {
  properties: Record<string, JsonSchema>;
  required: Set<string>;
}

const META = new Set(['@baseType', '@schemaLocation']);
const SERVER_SET = new Set(['id', 'href']);
const MAX_DEPTH = 6;
const NO_VALUE = Symbol('no value');
export type Generated = unknown | typeof NO_VALUE;
export const isValue = (v: Generated): boolean => v !== NO_VALUE;

/** `ProductOffering_FVO` → `ProductOffering`: the entity a payload variant creates or changes. */
export function baseName(def: string): string {
  return def.replace(/_(Create|Update|FVO|MVO)$/, '');
}

/** `ProductOfferingRef` → `ProductOffering`; `RelatedParty` → `Individual` (a party's concrete type). */
export function referredTypeOf(def: string | undefined): string {
  const base = baseName(def ?? 'Entity').replace(/(RefOrValue|Ref|OrValue)$/, '');
  return /Part(y|yOrPartyRole)$/.test(base) ? 'Individual' : base || 'Entity';
}

const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();

/** Properties and required attributes of an object schema, through `$ref` and `allOf`. */
function shapeOf(schema: JsonSchema, defs: Record<string, JsonSchema>, seen = new Set<string>()): Shape {
  const out: Shape = { properties: {}, required: new Set() };
  const ref = refName(schema.$ref);
  if (ref && !seen.has(ref) && defs[ref]) {
    seen.add(ref);
    merge(out, shapeOf(defs[ref]!, defs, seen));
  }
  for (const part of (Array.isArray(schema.allOf) ? schema.allOf : []) as JsonSchema[]) merge(out, shapeOf(part, defs, seen));
  if (schema.properties && typeof schema.properties === 'object') Object.assign(out.properties, schema.properties);
  for (const r of (Array.isArray(schema.required) ? schema.required : []) as string[]) out.required.add(r);
  return out;
}

function merge(into: Shape, from: Shape): void {
  Object.assign(into.properties, from.properties);
  for (const r of from.required) into.required.add(r);
}

function typeOf(schema: JsonSchema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined;
  if (typeof t === 'string') return t;
  if (schema.properties || schema.allOf) return 'object';
  return undefined;
}

/** A value for `schema`; NO_VALUE when an optional one cannot be made (a required one records a problem). */
export function valueFor(schema: JsonSchema | undefined, frame: Frame, ctx: GenContext): Generated {
  if (!schema || typeof schema !== 'object') return NO_VALUE;
  const ref = refName(schema.$ref);
  if (ref) return refValue(ref, frame, ctx);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return enumValue(schema.enum, ctx);
  if (schema.const !== undefined) return schema.const;
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0 && !schema.properties && !schema.allOf) return valueFor(branches[0], frame, ctx);
  switch (typeOf(schema)) {
    case 'object': return objectValue(schema, frame, ctx);
    case 'array': return arrayValue(schema, frame, ctx);
    case 'string': return stringValue(schema, frame, ctx);
    case 'integer': return numberValue(schema, frame, ctx, true);
    case 'number': return numberValue(schema, frame, ctx, false);
    case 'boolean': return ctx.salt ? false : true;
    default: return frame.required ? stringValue({}, frame, ctx) : NO_VALUE;
  }
}

function refValue(ref: string, frame: Frame, ctx: GenContext): Generated {
  const def = ctx.defs[ref];
  if (!def) return problem(frame, ctx, `$ref to a missing definition ${ref}`);
  const mapping = (def.tmfDiscriminator as { mapping?: Record<string, string> } | undefined)?.mapping;
  const sub = frame.viaRef !== false && mapping ? Object.entries(mapping).find(([, target]) => ctx.defs[target]) : undefined;
  if (sub) return valueFor(ctx.defs[sub[1]], { ...frame, def: sub[1], viaRef: false, typeName: sub[0] }, ctx);
  return valueFor(def, { ...frame, def: ref, viaRef: false, typeName: undefined }, ctx);
}

function enumValue(values: unknown[], ctx: GenContext): unknown {
  // Published values padded with spaces ("aborted ") are a flaw: prefer values a sane server sends.
  const clean = values.filter((v) => v !== null && (typeof v !== 'string' || v === v.trim()));
  const pool = clean.length > 0 ? clean : values;
  return ctx.salt && pool.length > 1 ? pool[1] : pool[0];
}

function problem(frame: Frame, ctx: GenContext, why: string): Generated {
  if (frame.required) ctx.problems.push(`${frame.def ?? ''}${frame.def ? '.' : ''}${frame.prop}: ${why}`);
  return NO_VALUE;
}

/** Which attributes an object gets: required ones always; a rich top level every writable one; references their triplet. */
function chosen(shape: Shape, frame: Frame, ctx: GenContext): string[] {
  const props = Object.keys(shape.properties).filter((p) => p !== '__proto__');
  const isRef = shape.properties.id !== undefined && (shape.properties['@referredType'] !== undefined || /Ref$/.test(frame.def ?? ''));
  return props.filter((p) => {
    if (shape.required.has(p)) return true;
    const s = shape.properties[p]!;
    if (s.readOnly === true || META.has(p)) return false;
    if (isRef && ['id', 'href', '@referredType', 'name'].includes(p)) return true;
    if (frame.depth === 0 && SERVER_SET.has(p)) return false;
    if (ctx.mode === 'minimal' || frame.depth >= MAX_DEPTH) return false;
    if (frame.depth === 0) return true;
    return frame.depth === 1 && p !== '@type' && isScalar(s, ctx.defs);
  });
}

function isScalar(s: JsonSchema, defs: Record<string, JsonSchema>): boolean {
  const ref = refName(s.$ref);
  const t = typeOf(ref ? defs[ref] ?? {} : s);
  return t === 'string' || t === 'number' || t === 'integer' || t === 'boolean';
}

function objectValue(schema: JsonSchema, frame: Frame, ctx: GenContext): Generated {
  if (frame.depth > MAX_DEPTH + 2) return problem(frame, ctx, 'required attributes nest without end');
  const shape = shapeOf(schema, ctx.defs);
  const out: Record<string, unknown> = {};
  const names = chosen(shape, frame, ctx);
  for (const p of names.filter((n) => n !== 'href')) {
    const v = p === '@type' ? typeValue(frame, shape.properties[p]!) : special(p, frame, ctx, out) ?? valueFor(shape.properties[p], child(frame, p, shape), ctx);
    if (isValue(v)) out[p] = v;
    else if (shape.required.has(p)) return problem(frame, ctx, `required ${p} has no possible value`);
  }
  if (names.includes('href')) out.href = `https://tmf-ctk.example/${kebab(referredTypeOf(frame.def))}/${String(out.id ?? 'tmf-ctk-1')}`;
  return out;
}

function child(frame: Frame, prop: string, shape: Shape): Frame {
  return { depth: frame.depth + 1, prop, required: shape.required.has(prop), def: frame.def, viaRef: true };
}

/** `@type`: the subtype a discriminator chose, else the entity the definition stands for. */
function typeValue(frame: Frame, schema: JsonSchema): unknown {
  const name = frame.typeName ?? baseName(frame.def ?? 'Entity');
  // A document may close `@type` to an enum (v5 GeographicLocation): one of its values, then.
  return Array.isArray(schema.enum) && !schema.enum.includes(name) ? schema.enum[0] : name;
}

/** Attributes whose meaning the name gives away: identifiers and references. */
function special(p: string, frame: Frame, ctx: GenContext, sofar: Record<string, unknown>): unknown {
  if (p === '@referredType') return referredTypeOf(frame.def);
  if (p === 'id') return `tmf-ctk-${kebab(referredTypeOf(frame.def))}-${++ctx.counter.n}`;
  if (p === 'name' && frame.depth === 0) return `tmf-ctk ${baseName(frame.def ?? 'resource')}${ctx.salt}`;
  if (p === 'name' && sofar.id !== undefined) return `tmf-ctk ${referredTypeOf(frame.def)} ${ctx.counter.n}`;
  return undefined;
}

function arrayValue(schema: JsonSchema, frame: Frame, ctx: GenContext): Generated {
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  const count = Math.max(min, frame.required || ctx.mode === 'rich' ? 1 : 0);
  if (count > max) return problem(frame, ctx, `minItems ${min} and maxItems ${max} contradict`);
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const v = valueFor(schema.items as JsonSchema | undefined, { ...frame, required: true, viaRef: true }, ctx);
    if (!isValue(v)) return NO_VALUE;
    items.push(v);
  }
  return items;
}

const DATE_TIMES: Record<string, string> = { start: '2026-01-01T00:00:00.000Z', end: '2027-12-31T23:59:59.000Z' };

function formatted(format: string, frame: Frame, ctx: GenContext): string | undefined {
  const day = String(1 + ctx.rng.int(28)).padStart(2, '0');
  switch (format) {
    case 'date-time': return /start/i.test(frame.prop) ? DATE_TIMES.start : /end/i.test(frame.prop) ? DATE_TIMES.end : `2026-06-${day}T10:00:00.000Z`;
    case 'date': return `2026-06-${day}`;
    case 'time': return '10:00:00Z';
    case 'uri': case 'url': case 'uri-reference': case 'iri': return `https://tmf-ctk.example/${kebab(frame.prop)}`;
    case 'email': case 'idn-email': return 'tmf-ctk@example.com';
    case 'uuid': return `00000000-0000-4000-8000-${ctx.rng.int(2 ** 31).toString(16).padStart(12, '0')}`;
    case 'ipv4': return '192.0.2.1';
    case 'ipv6': return '2001:db8::1';
    case 'hostname': case 'idn-hostname': return 'tmf-ctk.example';
    case 'base64': case 'byte': return 'dG1mLWN0aw==';
    default: return undefined;
  }
}

const PATTERN_CANDIDATES = ['A', 'a', '1', 'abc', 'ABC', '123', 'EUR', 'tmf-ctk', '+33123456789', 'tmf-ctk@example.com', '2026-06-15', 'https://tmf-ctk.example', 'A1', '00'];

function stringValue(schema: JsonSchema, frame: Frame, ctx: GenContext): Generated {
  const format = typeof schema.format === 'string' ? formatted(schema.format, frame, ctx) : undefined;
  let v = format ?? `tmf-ctk ${frame.prop}${ctx.salt}`;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (min > max) return problem(frame, ctx, `minLength ${min} and maxLength ${max} contradict`);
  if (!format) v = v.padEnd(min, 'x').slice(0, max);
  if (typeof schema.pattern !== 'string') return v;
  let re: RegExp;
  try {
    re = new RegExp(schema.pattern, 'u');
  } catch {
    return problem(frame, ctx, `pattern ${schema.pattern} is not a valid regular expression`);
  }
  const hit = [v, ...PATTERN_CANDIDATES].find((c) => c.length >= min && c.length <= max && re.test(c));
  return hit ?? problem(frame, ctx, `no value the generator knows matches pattern ${schema.pattern}`);
}

function numberValue(schema: JsonSchema, frame: Frame, ctx: GenContext, integer: boolean): Generated {
  const step = integer ? 1 : 0.5;
  const exMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + step : undefined;
  const exMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum - step : undefined;
  const lo = Math.max(typeof schema.minimum === 'number' ? schema.minimum : -Infinity, exMin ?? -Infinity);
  const hi = Math.min(typeof schema.maximum === 'number' ? schema.maximum : Infinity, exMax ?? Infinity);
  let v = Number.isFinite(lo) ? lo : Math.min(hi, 1 + ctx.rng.int(99) + (ctx.salt ? 100 : 0));
  if (integer) v = Math.ceil(v);
  const m = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  if (m) v = Math.ceil(v / m) * m;
  if (!(v <= hi)) return problem(frame, ctx, `no ${integer ? 'integer' : 'number'} between ${lo} and ${hi}${m ? ` that is a multiple of ${m}` : ''}`);
  return v;
}
