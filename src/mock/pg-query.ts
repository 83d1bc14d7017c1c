import { comparesAsTextOnly, COMPUTED_ATTRIBUTES } from '../tmf/filter.js';
import type { Filter } from '../tmf/query.js';

/**
 * TMF630 filters as PostgreSQL conditions, where the translation is exact. `attr=a,b` and `attr.ne=a`
 * with text operands become a jsonpath test on the JSONB body (`body @? '$."attr" ? (@ == "a" || @ == "b")'`,
 * served by the GIN index): lax jsonpath fans out through arrays like `valuesAt` does. Everything else
 * (numbers, dates and booleans compared by value, `gt`/`lt` on text, regex) is left to the shared
 * TMF630 code in the process, over the rows the translated conditions selected: PostgreSQL's collation
 * and regex dialect are not JavaScript's, and a kit must answer one way whatever the store. A filter on a
 * computed attribute (`href`: not in the stored body, or stale there) is always left to the process,
 * which matches it against the resource as represented (StoreQuery.view).
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
