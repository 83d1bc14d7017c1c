import type { ErrorObject } from 'ajv';

/** A validation failure a person can act on: where, which rule, what was expected, what was found. */
export interface SchemaError {
  /** JSON pointer of the failing value (`/cartItem/0/quantity`); `` is the document root. */
  pointer: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`, `format`…). */
  rule: string;
  message: string;
  expected?: string;
  found?: string;
  /** The definition the rule belongs to (`ShoppingCart`). */
  schema: string;
}

export function valueAt(data: unknown, pointer: string): unknown {
  if (!pointer) return data;
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function preview(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

type OwnerOf = (schemaObject: object) => string | undefined;

function definitionOf(e: ErrorObject, fallback: string, ownerOf?: OwnerOf): string {
  const parent = e.parentSchema as object | undefined;
  const owner = parent && ownerOf?.(parent);
  if (owner) return owner;
  const m = /\/definitions\/([^/]+)/.exec(e.schemaPath);
  return m ? decodeURIComponent(m[1]!) : fallback;
}

function expectation(e: ErrorObject): string | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `attribute "${String(p.missingProperty)}"`;
    case 'type': return String(p.type);
    case 'enum': return `one of ${preview(p.allowedValues, 200)}`;
    case 'format': return `format ${String(p.format)}`;
    case 'const': return preview(p.allowedValue);
    case 'additionalProperties': return `no attribute "${String(p.additionalProperty)}"`;
    default: return e.message;
  }
}

/** ajv errors into readable ones; `required` errors point at the missing attribute itself. */
export function readableErrors(errors: ErrorObject[] | null | undefined, data: unknown, schemaName: string, ownerOf?: OwnerOf): SchemaError[] {
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'tmfPolymorphic' || e.keyword === 'tmfDiscriminator') continue;
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : '';
    const pointer = e.instancePath + missing;
    const key = `${pointer}|${e.keyword}|${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = e.keyword === 'required' ? 'nothing' : preview(valueAt(data, e.instancePath));
    out.push({
      pointer, rule: e.keyword,
      message: `${pointer || '(root)'}: ${e.keyword === 'required' ? 'is required' : e.message ?? 'is invalid'}`,
      expected: expectation(e), found, schema: definitionOf(e, schemaName, ownerOf),
    });
  }
  return out;
}

export function formatError(e: SchemaError): string {
  return `${e.pointer || '(root)'} [${e.rule}] expected ${e.expected ?? '?'}, found ${e.found ?? '?'} (${e.schema})`;
}
