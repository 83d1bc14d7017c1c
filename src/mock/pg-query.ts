import { comparesAsTextOnly, COMPUTED_ATTRIBUTES } from '../tmf/filter.js';
import type { Filter, SortKey } from '../tmf/query.js';

/**
 * TMF630 filters as PostgreSQL conditions, where the translation is exact. `attr=a,b` and `attr.ne=a`
 * with text operands become a jsonpath test on the JSONB body (`body @? '$."attr" ? (@ == "a" || @ == "b")'`,
 * served by the GIN index): lax jsonpath fans out through arrays like `valuesAt` does. Everything else
 * (numbers, dates and booleans compared by value, `gt`/`lt` on text, regex) is left to the shared
 * TMF630 code in the process, over the keys of the rows the SQL conditions selected (PgStore.query):
 * PostgreSQL's collation and regex dialect are not JavaScript's, and a kit must answer one way whatever
 * the store. SQL only narrows for those: requiredAttributes, and idsNamedByHref for a filter on the
 * computed attribute `href` (not in the stored body, or stale there), which the process matches against
 * the resource as represented (StoreQuery.view).
 */
export interface Translated {
  /** SQL conditions on `body`, numbered from the first parameter given. */
  clauses: string[];
  params: string[];
  /** Filters left to the process. */
  rest: Filter[];
}

// A NUL cannot be in a PostgreSQL text; a lone surrogate cannot be in a jsonpath literal.
const UNSTORABLE = /[\u0000\ud800-\udfff]/;

function translatable(f: Filter): boolean {
  if (COMPUTED_ATTRIBUTES.has(f.path[0]!)) return false;
  return (f.op === 'eq' || f.op === 'ne') && f.values.length > 0 && f.values.every((v) => comparesAsTextOnly(v) && !UNSTORABLE.test(v));
}

/** `$."a"."b" ? (@.type() == "string" && (@ == "x" || @ == "y"))`: segments are checked by splitPath, operands are JSON string literals. */
export function jsonPathOf(f: Filter): string {
  const path = f.path.map((seg) => `.${JSON.stringify(seg)}`).join('');
  // The type test stops lax mode unwrapping a nested array at the end of the path, which valuesAt does not.
  return `$${path} ? (@.type() == "string" && (${f.values.map((v) => `@ == ${JSON.stringify(v)}`).join(' || ')}))`;
}

export function translateFilters(filters: readonly Filter[], firstParam: number): Translated {
  const out: Translated = { clauses: [], params: [], rest: [] };
  for (const f of filters) {
    if (!translatable(f)) {
      out.rest.push(f);
      continue;
    }
    out.params.push(jsonPathOf(f));
    const test = `body @? $${firstParam + out.params.length - 1}::jsonpath`;
    out.clauses.push(f.op === 'eq' ? test : `NOT (${test})`);
  }
  return out;
}

/**
 * What a resource's `href` is made of, read off the view (StoreQuery.view) with two probe ids: the
 * prefix P when the view's href of any id is `P + encodeURIComponent(id)` (as Representer.href makes
 * it), else undefined (then no filter on href narrows anything). P holds a `/`, so compare() can only
 * find an href equal to an operand when the two strings are equal (no date or number reading).
 */
export function hrefPrefixOf(view: (r: { id: string }) => unknown): string | undefined {
  const probes = ['x', 'a b/%?#é'];
  const hrefs = probes.map((id) => (view({ id }) as { href?: unknown } | null | undefined)?.href);
  const first = hrefs[0];
  if (typeof first !== 'string' || !first.endsWith('/x')) return undefined;
  const prefix = first.slice(0, -1);
  return hrefs.every((h, i) => h === prefix + encodeURIComponent(probes[i]!)) ? prefix : undefined;
}

/**
 * The ids that `href=` filters (op eq, on `href` itself) leave possible: a resource matches one only
 * when its href is one of the operands, and the href of id X is `prefix + encodeURIComponent(X)`. An
 * operand with another prefix, a malformed escape, or an escape that encodeURIComponent would not
 * write names no id. Several such filters: the ids all of them name. Undefined when no filter narrows.
 * The exact match stays with the process (filterWithin, against the view); this only narrows.
 */
export function idsNamedByHref(filters: readonly Filter[], view: ((r: { id: string }) => unknown) | undefined): string[] | undefined {
  const byHref = filters.filter((f) => f.op === 'eq' && f.path.length === 1 && f.path[0] === 'href');
  if (byHref.length === 0 || !view) return undefined;
  const prefix = hrefPrefixOf(view);
  if (prefix === undefined) return undefined;
  let ids: Set<string> | undefined;
  for (const f of byHref) {
    const named = new Set<string>();
    for (const v of f.values) {
      if (!v.startsWith(prefix)) continue;
      const tail = v.slice(prefix.length);
      let id: string;
      try {
        id = decodeURIComponent(tail);
      } catch {
        continue;
      }
      if (encodeURIComponent(id) === tail && !UNSTORABLE.test(id)) named.add(id);
    }
    ids = ids ? new Set([...ids].filter((id) => named.has(id))) : named;
  }
  return [...ids!];
}

/**
 * Top-level attributes a resource must have for these (untranslated) filters to hold: every operator
 * but `ne` needs a value at the path (valuesAt non-empty), so the path's first attribute must exist.
 * `body ? attr` never excludes a row the exact filter keeps. Not for `id` (always there) nor for
 * computed attributes (matched against the view, not the stored body).
 */
export function requiredAttributes(filters: readonly Filter[]): string[] {
  const out = new Set<string>();
  for (const f of filters) {
    const head = f.path[0]!;
    if (f.op !== 'ne' && head !== 'id' && !COMPUTED_ATTRIBUTES.has(head)) out.add(head);
  }
  return [...out];
}

/**
 * The top-level attributes the process needs to evaluate these filters and sort keys exactly: the
 * first segment of each path (valuesAt and firstValueAt read nothing else of a resource). `id` comes
 * from its column.
 */
export function keyAttributes(filters: readonly Filter[], sort: readonly SortKey[]): string[] {
  return [...new Set([...filters.map((f) => f.path[0]!), ...sort.map((k) => k.path[0]!)])].filter((a) => a !== 'id');
}
