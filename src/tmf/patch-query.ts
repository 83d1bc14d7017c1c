/**
 * TMF630 JSON Patch Query (`application/json-patch-query+json`, declared by the v5 documents): a JSON Patch
 * whose paths may end with a query selecting array elements by their attributes, e.g. (TMF622 v5's example)
 * `/productOrderItem/billingAccount/id?productOrderItem.id=120`: in every `productOrderItem` element whose `id`
 * is 120, replace `billingAccount/id`. Conditions are `&`-separated `<array path>.<attribute path>=<value>`;
 * each belongs to the longest array along the path it names. The query is expanded into plain JSON Pointers,
 * one operation per matching element, then applied as RFC 6902 JSON Patch.
 */
import jsonpatch from 'fast-json-patch';
import { PatchError } from './patch-error.js';

interface Condition {
  /** Dotted path of the array (`productOrderItem`). */
  array: string;
  /** Dotted attribute path inside an element (`id`, `product.id`). */
  attribute: string;
  value: string;
}

type Op = Record<string, unknown> & { path?: unknown; from?: unknown };

function conditionsOf(query: string, arrays: string[]): Condition[] {
  return query.split('&').filter(Boolean).map((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new PatchError(`JSON Patch Query condition "${part.slice(0, 80)}" is not <attribute>=<value>`);
    const key = decodeURIComponent(part.slice(0, eq));
    const array = [...arrays].sort((a, b) => b.length - a.length).find((a) => key.startsWith(`${a}.`));
    if (!array) throw new PatchError(`JSON Patch Query condition "${key.slice(0, 80)}" names no array along the path`);
    return { array, attribute: key.slice(array.length + 1), value: decodeURIComponent(part.slice(eq + 1)) };
  });
}

function attributeOf(element: unknown, dotted: string): unknown {
  let cur = element;
  for (const k of dotted.split('.')) {
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const matches = (element: unknown, conds: Condition[]): boolean =>
  conds.every((c) => { const v = attributeOf(element, c.attribute); return v !== undefined && v !== null && String(v) === c.value; });

/** Dotted paths of the arrays met along `segments` in `target` (whatever the element chosen). */
function arraysAlong(target: unknown, segments: string[]): string[] {
  const out: string[] = [];
  let cur: unknown = target;
  for (let i = 0; i < segments.length && cur && typeof cur === 'object'; i++) {
    cur = (cur as Record<string, unknown>)[segments[i]!];
    if (Array.isArray(cur)) {
      out.push(segments.slice(0, i + 1).join('.'));
      cur = cur[0];
    }
  }
  return out;
}

/** The concrete JSON Pointers a query path selects in `target`. */
function expandPath(target: unknown, path: string): string[] {
  const q = path.indexOf('?');
  if (q === -1) return [path];
  const segments = path.slice(1, q).split('/').map((s) => jsonpatch.unescapePathComponent(s));
  const conds = conditionsOf(path.slice(q + 1), arraysAlong(target, segments));
  let frontier: Array<{ value: unknown; pointer: string }> = [{ value: target, pointer: '' }];
  segments.forEach((seg, i) => {
    const dotted = segments.slice(0, i + 1).join('.');
    frontier = frontier.flatMap(({ value, pointer }) => {
      const next = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg] : undefined;
      const at = `${pointer}/${jsonpatch.escapePathComponent(seg)}`;
      const own = conds.filter((c) => c.array === dotted);
      if (!Array.isArray(next) || (own.length === 0 && i === segments.length - 1)) return [{ value: next, pointer: at }];
      if (own.length === 0) throw new PatchError(`JSON Patch Query path "${path.slice(0, 120)}" goes through the array ${dotted} without a condition on it`);
      return next.flatMap((el, idx) => (matches(el, own) ? [{ value: el, pointer: `${at}/${idx}` }] : []));
    });
  });
  if (frontier.length === 0) throw new PatchError(`JSON Patch Query path "${path.slice(0, 120)}" selects nothing`);
  return frontier.map((f) => f.pointer);
}

/** The operations of a JSON Patch Query as plain JSON Patch operations against `target`. */
export function expandPatchQuery(target: unknown, ops: unknown): Op[] {
  if (!Array.isArray(ops)) throw new PatchError('a JSON Patch Query document must be an array of operations');
  return (ops as Op[]).flatMap((op) => {
    if (!op || typeof op !== 'object' || typeof op.path !== 'string') return [op];
    return expandPath(target, op.path).map((path) => ({ ...op, path }));
  });
}

/** The path without its query (`/productOrderItem/billingAccount/id`). */
export function withoutQuery(path: string): string {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
}
