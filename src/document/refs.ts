import type { JsonSchema } from './model.js';

const DEF = '#/definitions/';

/** `#/definitions/X` or `#/components/schemas/X` → `X`; anything else → undefined. */
export function refName(ref: unknown): string | undefined {
  if (typeof ref !== 'string') return undefined;
  if (ref.startsWith(DEF)) return decodeURIComponent(ref.slice(DEF.length));
  if (ref.startsWith('#/components/schemas/')) return decodeURIComponent(ref.slice('#/components/schemas/'.length));
  return undefined;
}

/** Follows a local JSON pointer (`#/components/responses/X`) in a document. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Follows `$ref` chains (for parameters, request bodies, responses) up to a small depth. */
export function deref<T>(doc: unknown, value: T, depth = 8): T {
  let cur: unknown = value;
  for (let i = 0; i < depth && cur && typeof cur === 'object' && typeof (cur as { $ref?: unknown }).$ref === 'string'; i++) {
    const name = (cur as { $ref: string }).$ref;
    if (refName(name)) break; // schema refs stay refs: the validator resolves them
    const next = resolvePointer(doc, name);
    if (next === undefined) break;
    cur = next;
  }
  return cur as T;
}

/** The definition a schema names: `{$ref}` → name, `{type: array, items: {$ref}}` → name + isArray. */
export function schemaTarget(schema: JsonSchema | undefined): { name?: string; isArray: boolean } {
  if (!schema) return { isArray: false };
  const direct = refName(schema.$ref);
  if (direct) return { name: direct, isArray: false };
  if (schema.type === 'array' && schema.items && typeof schema.items === 'object') {
    const item = refName((schema.items as JsonSchema).$ref);
    if (item) return { name: item, isArray: true };
  }
  return { isArray: schema.type === 'array' };
}
