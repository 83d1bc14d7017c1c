import fc from 'fast-check';
import type { ApiModel, JsonSchema } from '../../src/document/model.js';

/**
 * fast-check arbitraries from a document's (normalized) definitions: payloads that follow the schema
 * most of the time, with the edges a third-party fuzzer tries: integers past 2^53, empty and relative
 * URIs, `@type` naming the entity, another definition or nothing the document knows, and now and then
 * one attribute replaced by any JSON value.
 */
const MAX_DEPTH = 3;
const OPTIONAL_AT_DEPTH = 2;

type Arb = fc.Arbitrary<unknown>;

const refName = (ref: unknown): string | undefined =>
  typeof ref === 'string' && ref.startsWith('#/definitions/') ? decodeURIComponent(ref.slice('#/definitions/'.length)) : undefined;

const integer: Arb = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -3, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 53, 1e23, -(2 ** 60)) },
);
const number: Arb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1e300, 2 ** 53 + 2, 0.1) },
);
const dateTime: Arb = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const uri: Arb = fc.constantFrom('', '/schemas/Thing.json', 'https://example.com/schemas/Thing.json', 'urn:x:1', 'not a uri <>');

function stringOf(s: JsonSchema): Arb {
  if (s.format === 'date-time') return fc.oneof({ weight: 6, arbitrary: dateTime }, { weight: 1, arbitrary: fc.constantFrom('', 'tomorrow') });
  if (s.format === 'uri') return uri;
  return fc.string({ maxLength: 12 });
}

export class SchemaArbitraries {
  private readonly api: ApiModel;
  private readonly typeNames: string[];

  constructor(api: ApiModel) {
    this.api = api;
    const names = Object.keys(api.definitions);
    // The entity itself is added per schema; these are the others: a few definitions and an unknown name.
    this.typeNames = ['Foo', ...names.filter((_, i) => i % Math.max(1, Math.floor(names.length / 6)) === 0)];
  }

  /** A payload for definition `name`: mostly well-formed, sometimes with one attribute broken. */
  payload(name: string): Arb {
    const valid = this.definition(name, 0);
    const broken = fc.tuple(valid, fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([v, n, junk]) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return junk;
      const keys = Object.keys(v);
      return keys.length ? { ...v, [keys[n % keys.length]!]: junk } : v;
    });
    return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: broken });
  }

  private definition(name: string, depth: number): Arb {
    const s = this.api.definitions[name];
    return s && depth <= MAX_DEPTH * 2 ? this.schema(s, depth, name.replace(/_(Create|Update|FVO|MVO)$/, '')) : fc.constant({});
  }

  private schema(s: JsonSchema, depth: number, entity?: string): Arb {
    const ref = refName(s.$ref);
    if (ref) return this.definition(ref, depth + 1);
    if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
    if (Array.isArray(s.allOf)) {
      return fc.tuple(...(s.allOf as JsonSchema[]).map((p) => this.schema(p, depth, entity)))
        .map((parts) => Object.assign({}, ...parts.filter((p) => p && typeof p === 'object' && !Array.isArray(p))) as unknown);
    }
    const alternatives = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
    if (Array.isArray(alternatives) && alternatives.length) return fc.oneof(...alternatives.map((p) => this.schema(p, depth, entity)));
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    switch (type) {
      case 'string': return stringOf(s);
      case 'integer': return integer;
      case 'number': return number;
      case 'boolean': return fc.boolean();
      case 'array': return depth >= MAX_DEPTH ? fc.constant([]) : fc.array(this.schema((s.items ?? {}) as JsonSchema, depth + 1), { maxLength: 2 });
      default: return s.properties || type === 'object' ? this.object(s, depth, entity) : fc.jsonValue({ maxDepth: 1 });
    }
  }

  private object(s: JsonSchema, depth: number, entity?: string): Arb {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((s.required ?? []) as string[]);
    const model: Record<string, Arb> = {};
    for (const [k, p] of Object.entries(props)) {
      if (!required.has(k) && depth >= OPTIONAL_AT_DEPTH) continue;
      if (k === '@type') model[k] = fc.constantFrom(...(entity ? [entity, entity] : []), ...this.typeNames);
      else if (required.has(k) || depth < MAX_DEPTH) model[k] = this.schema(p, depth + 1);
    }
    return fc.record(model, { requiredKeys: Object.keys(model).filter((k) => required.has(k)) });
  }
}
