import { Ajv, type AnySchemaObject, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with a default export; under ESM the callable sits on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URI_REFERENCE = /^(?:[a-z][a-z0-9+.-]*:)?[^\s<>"{}|\\^`]*$/i;

/** Hooks a SchemaSet gives its ajv: how to validate a payload against another definition. */
export interface PolymorphismHooks {
  /** Validates `data` against definition `name` if `subtype` extends `declared`; undefined when it does not apply. */
  polymorphic(declared: string, subtype: string, data: unknown): ErrorObject[] | null | undefined;
  discriminated(target: string, data: unknown): ErrorObject[] | null;
}

/**
 * One ajv per API. `strict: false` because the documents carry keywords ajv does not know
 * (OpenAPI's `readOnly`, `deprecated`…); the ones that matter are normalized before compiling.
 */
export function createAjv(hooks: PolymorphismHooks, allErrors = true): Ajv {
  const ajv = new Ajv({ strict: false, allErrors, inlineRefs: false, verbose: true, allowUnionTypes: true, logger: false, validateSchema: false });
  addFormats(ajv);
  // Documents use `uri` for relative references (href, @schemaLocation): accept a URI reference, but not
  // the empty one (a same-document reference): it locates nothing, and a `uri` is never empty.
  ajv.addFormat('uri', { type: 'string', validate: (s: string) => s.length > 0 && URI_REFERENCE.test(s) });
  ajv.addFormat('base64', { type: 'string', validate: (s: string) => BASE64.test(s) });
  ajv.addFormat('byte', { type: 'string', validate: (s: string) => BASE64.test(s) });
  for (const f of ['float', 'double']) ajv.addFormat(f, { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const f of ['binary', 'password']) ajv.addFormat(f, true);
  ajv.addKeyword({ keyword: 'tmfPolymorphic', schemaType: 'string', errors: true, validate: polymorphicKeyword(hooks) });
  ajv.addKeyword({ keyword: 'tmfDiscriminator', schemaType: 'object', errors: true, validate: discriminatorKeyword(hooks) });
  ajv.addKeyword({ keyword: 'x-published-required' });
  return ajv;
}

/** ajv's `validate` keyword function: reports through its own `errors` property. */
type KeywordFn = ((schema: any, // eslint-disable-line @typescript-eslint/no-explicit-any -- ajv passes the keyword value untyped
   data: unknown, parent?: AnySchemaObject, cxt?: { instancePath: string }) => boolean) & { errors?: ErrorObject[] };

function prefix(errors: ErrorObject[], path: string): ErrorObject[] {
  return errors.map((e) => ({ ...e, instancePath: path + e.instancePath }));
}

function polymorphicKeyword(hooks: PolymorphismHooks): KeywordFn {
  const fn = ((declared: string, data: unknown, _p?: AnySchemaObject, cxt?: { instancePath: string }) => {
    fn.errors = undefined;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return true;
    const subtype = (data as Record<string, unknown>)['@type'];
    if (typeof subtype !== 'string' || subtype === declared) return true;
    const errors = hooks.polymorphic(declared, subtype, data);
    if (!errors) return true;
    fn.errors = prefix(errors, cxt?.instancePath ?? '');
    return false;
  }) as unknown as KeywordFn;
  return fn;
}

function discriminatorKeyword(hooks: PolymorphismHooks): KeywordFn {
  const fn = ((d: { propertyName: string; mapping: Record<string, string> }, data: unknown, _p?: AnySchemaObject, cxt?: { instancePath: string }) => {
    fn.errors = undefined;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return true;
    const value = (data as Record<string, unknown>)[d.propertyName];
    const target = typeof value === 'string' ? d.mapping[value] : undefined;
    if (!target) return true;
    const errors = hooks.discriminated(target, data);
    if (!errors) return true;
    fn.errors = prefix(errors, cxt?.instancePath ?? '');
    return false;
  }) as unknown as KeywordFn;
  return fn;
}
