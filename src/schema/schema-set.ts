import type { Ajv, ValidateFunction, ErrorObject } from 'ajv';
import { CtkError } from '../errors.js';
import type { ApiModel, JsonSchema, Operation } from '../document/model.js';
import { ancestors } from '../document/schema-walk.js';
import { createAjv, type PolymorphismHooks } from './ajv.js';
import { readableErrors, type SchemaError } from './errors.js';

export interface ValidationResult {
  valid: boolean;
  errors: SchemaError[];
  /** The definition validated against. */
  schema: string;
}

/**
 * The compiled validators of one API: one ajv, every definition registered once, each validator
 * compiled on first use and cached. Validation returns diagnostics; it never throws on bad data.
 */
export class SchemaSet {
  readonly api: ApiModel;
  private readonly ajv: Ajv;
  private readonly id: string;
  private readonly validators = new Map<string, ValidateFunction>();
  /** Validators that stop at the first error, for large payloads (see `run`); compiled on first need. */
  private firstErrorAjv?: Ajv;
  private readonly firstErrorValidators = new Map<string, ValidateFunction>();
  private firstErrorOnly = false;
  private readonly hooks: PolymorphismHooks;
  private readonly definitions: Record<string, JsonSchema> = {};
  private readonly extendsCache = new Map<string, boolean>();
  /** Every schema object → the definition it belongs to, so an error names its definition. */
  private readonly owners = new WeakMap<object, string>();

  constructor(api: ApiModel) {
    this.api = api;
    this.id = `https://tmf-ctk.invalid/${api.id}/${api.version}`;
    this.hooks = {
      polymorphic: (declared, subtype, data) => (this.extendsDef(subtype, declared) ? this.runOnce(subtype, data) : undefined),
      discriminated: (target, data) => this.runOnce(target, data),
    };
    this.ajv = createAjv(this.hooks);
    const definitions = this.definitions;
    for (const [name, s] of Object.entries(api.definitions)) {
      definitions[name] = s.type === 'object' || s.properties || s.allOf ? { ...s, tmfPolymorphic: name } : { ...s };
      this.owners.set(definitions[name]!, name);
      markOwner(definitions[name], name, this.owners);
    }
    this.ajv.addSchema({ $id: this.id, definitions });
  }

  has(name: string): boolean {
    return Object.hasOwn(this.api.definitions, name);
  }

  names(): string[] {
    return Object.keys(this.api.definitions);
  }

  /** The compiled validator of a definition (compiled once). */
  validator(name: string): ValidateFunction {
    let v = this.validators.get(name);
    if (!v) {
      if (!this.has(name)) {
        throw new CtkError('UNKNOWN_SCHEMA', `${this.api.id} has no schema "${name}"`, {
          hint: `schemas of ${this.api.id}: ${this.names().join(', ')}`,
        });
      }
      v = this.ajv.getSchema(`${this.id}#/definitions/${encodeURIComponent(name)}`);
      if (!v) throw new CtkError('INTERNAL', `schema ${name} did not compile`);
      this.validators.set(name, v);
    }
    return v;
  }

  /** Validates `data` against a definition (and against the subtype its `@type` names, if that extends it). */
  validate(name: string, data: unknown): ValidationResult {
    const errors = this.runBounded(name, data);
    return { valid: !errors, errors: readableErrors(errors, data, name, (o) => this.owners.get(o)), schema: name };
  }

  /** Validates each element of an array against a definition; pointers carry the index. */
  validateArray(name: string, data: unknown): ValidationResult {
    if (!Array.isArray(data)) {
      return { valid: false, schema: name, errors: [{ pointer: '', rule: 'type', message: '(root): must be array', expected: 'array', found: typeof data, schema: name }] };
    }
    const errors: SchemaError[] = [];
    data.forEach((item, i) => {
      for (const e of this.validate(name, item).errors) errors.push({ ...e, pointer: `/${i}${e.pointer}`, message: `/${i}${e.message}` });
    });
    return { valid: errors.length === 0, errors, schema: `${name}[]` };
  }

  /** Validates a response body against what the operation declares for that status; undefined if it declares no schema. */
  validateResponse(op: Operation, status: number, body: unknown): ValidationResult | undefined {
    const r = op.responses[String(status)] ?? op.responses.default;
    if (!r?.schemaName) return undefined;
    return r.isArray ? this.validateArray(r.schemaName, body) : this.validate(r.schemaName, body);
  }

  /** Compiles every definition (used by tests and the benchmark); returns the count. */
  compileAll(): number {
    for (const n of this.names()) this.validator(n);
    return this.validators.size;
  }

  /**
   * Subtype validation re-enters the base schema (v5: `ShoppingCart` is `allOf: [Entity]`, and Entity's
   * discriminator maps `ShoppingCart` back): validate each (definition, object) pair once per call chain.
   */
  private readonly active = new Map<object, Set<string>>();
  private runOnce(name: string, data: unknown): ErrorObject[] | null {
    if (!data || typeof data !== 'object') return this.run(name, data);
    const names = this.active.get(data) ?? new Set<string>();
    if (names.has(name)) return null;
    names.add(name);
    this.active.set(data, names);
    try {
      return this.run(name, data);
    } finally {
      names.delete(name);
      if (names.size === 0) this.active.delete(data);
    }
  }

  /**
   * ajv with allErrors and refs not inlined concatenates its error list once per failing sub-schema, so
   * N errors cost O(N²): an 800 KB body of 400k wrong array items took the better part of an hour. A
   * payload of more than ALL_ERRORS_MAX_VALUES values is validated by validators that stop at the first
   * error: the same verdict in linear time, with one error reported instead of all.
   */
  private runBounded(name: string, data: unknown): ErrorObject[] | null {
    if (this.firstErrorOnly || !valuesExceed(data, ALL_ERRORS_MAX_VALUES)) return this.run(name, data);
    this.firstErrorOnly = true;
    try {
      return this.run(name, data);
    } finally {
      this.firstErrorOnly = false;
    }
  }

  private run(name: string, data: unknown): ErrorObject[] | null {
    const v = this.firstErrorOnly ? this.firstErrorValidator(name) : this.validator(name);
    return v(data) ? null : [...(v.errors ?? [])];
  }

  private firstErrorValidator(name: string): ValidateFunction {
    let v = this.firstErrorValidators.get(name);
    if (!v) {
      if (!this.firstErrorAjv) {
        this.firstErrorAjv = createAjv(this.hooks, false);
        this.firstErrorAjv.addSchema({ $id: this.id, definitions: this.definitions });
      }
      this.validator(name); // the unknown-schema error, if any, is the usual one
      v = this.firstErrorAjv.getSchema(`${this.id}#/definitions/${encodeURIComponent(name)}`)!;
      this.firstErrorValidators.set(name, v);
    }
    return v;
  }

  /**
   * Does `sub` extend `base`, by what the document says (allOf, or a v4 document's @baseType and
   * "specialization of" hints; see `parentsOf`)? Carrying all of base's attributes is not enough: most
   * v4 entities carry `id`, `href`, `name` and `@type`, and an unrelated `@type` would switch validation.
   * An entity is no subtype of its own payload variants either: `ProductOrder_Update` typed
   * `@type: ProductOrder` is a partial PATCH, not held to ProductOrder's `required` list.
   */
  private extendsDef(sub: string, base: string): boolean {
    const key = `${sub}<${base}`;
    let hit = this.extendsCache.get(key);
    if (hit === undefined) {
      hit = this.has(sub) && this.has(base) && ancestors(this.api.definitions, sub).has(base);
      this.extendsCache.set(key, hit);
    }
    return hit;
  }
}

/** Above this many values a payload is validated up to its first error (see SchemaSet.runBounded). */
export const ALL_ERRORS_MAX_VALUES = 10_000;

/** Whether a JSON value holds more than `limit` values, counted iteratively (the value may be hostile). */
export function valuesExceed(value: unknown, limit: number): boolean {
  const stack: unknown[] = [value];
  let count = 0;
  while (stack.length) {
    const v = stack.pop();
    if (++count > limit) return true;
    if (v && typeof v === 'object') for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push(child);
  }
  return false;
}

function markOwner(node: unknown, name: string, owners: WeakMap<object, string>): void {
  if (!node || typeof node !== 'object') return;
  for (const v of Object.values(node)) {
    if (v && typeof v === 'object' && !owners.has(v)) {
      owners.set(v, name);
      markOwner(v, name, owners);
    }
  }
}

const sets = new WeakMap<ApiModel, SchemaSet>();

/** The cached SchemaSet of an API model. */
export function schemasFor(api: ApiModel): SchemaSet {
  let s = sets.get(api);
  if (!s) {
    s = new SchemaSet(api);
    sets.set(api, s);
  }
  return s;
}
