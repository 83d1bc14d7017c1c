/** TMF630 attribute selection (`fields=a,b.c`): id, href and @type always come back. */
export const ALWAYS_KEPT = ['id', 'href', '@type'] as const;

interface Tree { [key: string]: Tree | true }

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The selection as a tree; null-prototype nodes and no prototype keys, whoever calls this. */
function tree(fields: readonly string[]): Tree {
  const root: Tree = Object.create(null) as Tree;
  for (const f of fields) {
    const parts = f.split('.');
    if (parts.some((p) => FORBIDDEN.has(p))) continue;
    let node = root;
    parts.forEach((p, i) => {
      if (node[p] === true) return;
      if (i === parts.length - 1) node[p] = true;
      else node = (node[p] = (node[p] as Tree | undefined) ?? (Object.create(null) as Tree)) as Tree;
    });
  }
  return root;
}

function pick(value: unknown, t: Tree): unknown {
  if (Array.isArray(value)) return value.map((v) => pick(v, t));
  if (!value || typeof value !== 'object') return value;
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, sub] of Object.entries(t)) {
    if (!Object.hasOwn(src, k)) continue;
    out[k] = sub === true ? src[k] : pick(src[k], sub);
  }
  return out;
}

/** Keeps the selected attributes (nested `a.b` keeps `a` with only `b`), plus id, href and @type. */
export function selectFields<T extends Record<string, unknown>>(resource: T, fields: readonly string[]): Partial<T> {
  const t = tree(fields);
  for (const k of ALWAYS_KEPT) if (!t[k]) t[k] = true;
  return pick(resource, t) as Partial<T>;
}

/** Runner side: top-level attributes a `fields=` answer may carry. */
export function allowedTopLevel(fields: readonly string[]): Set<string> {
  return new Set([...fields.map((f) => f.split('.')[0]!), ...ALWAYS_KEPT]);
}

/** Runner side: attributes in an item beyond the selection (empty when it conforms). */
export function extraAttributes(item: unknown, fields: readonly string[]): string[] {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return [];
  const allowed = allowedTopLevel(fields);
  return Object.keys(item).filter((k) => !allowed.has(k));
}
