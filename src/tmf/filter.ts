import type { Filter } from './query.js';
import { valuesAt } from './paths.js';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/;
const MAX_REGEX = 200;

/** Compares a stored value to a filter operand: numbers as numbers, ISO dates as instants, else as strings. */
export function compare(actual: unknown, operand: string): number | undefined {
  if (actual === null || actual === undefined || typeof actual === 'object') return undefined;
  if (typeof actual === 'number' || typeof actual === 'boolean') {
    const n = typeof actual === 'boolean' ? (operand === 'true' ? 1 : operand === 'false' ? 0 : NaN) : Number(operand);
    if (Number.isNaN(n) || operand.trim() === '') return undefined;
    const a = Number(actual);
    return a === n ? 0 : a < n ? -1 : 1;
  }
  const s = String(actual);
  if (ISO_DATE.test(s) && ISO_DATE.test(operand)) {
    const a = Date.parse(s);
    const b = Date.parse(operand);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a === b ? 0 : a < b ? -1 : 1;
  }
  if (s === operand) return 0;
  // Numeric strings compare as numbers ("10" > "9").
  if (s.trim() !== '' && operand.trim() !== '' && !Number.isNaN(Number(s)) && !Number.isNaN(Number(operand))) {
    return Number(s) === Number(operand) ? 0 : Number(s) < Number(operand) ? -1 : 1;
  }
  return s < operand ? -1 : 1;
}

/**
 * Whether `compare` can only ever treat this operand as text: not a number, not an ISO date, not a
 * boolean. Then `attr=operand` holds exactly when some value at the path is the same string, which a
 * database can answer itself (see src/mock/pg-query.ts).
 */
export function comparesAsTextOnly(operand: string): boolean {
  if (operand === 'true' || operand === 'false' || ISO_DATE.test(operand)) return false;
  return operand.trim() === '' || Number.isNaN(Number(operand));
}

function regexOf(pattern: string): RegExp | undefined {
  if (pattern.length > MAX_REGEX) return undefined;
  // Nested quantifiers are the usual catastrophic-backtracking shape: refuse them.
  if (/\([^)]*[+*][^)]*\)[+*{]/.test(pattern)) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

/** Whether a regex filter operand is acceptable (the mock answers 400 otherwise). */
export function isSafeRegex(pattern: string): boolean {
  return regexOf(pattern) !== undefined;
}

function matchOne(actual: unknown, op: Filter['op'], operand: string): boolean {
  if (op === 'regex') {
    const re = regexOf(operand);
    return re !== undefined && typeof actual !== 'object' && re.test(String(actual));
  }
  const c = compare(actual, operand);
  if (c === undefined) return false;
  switch (op) {
    case 'eq': return c === 0;
    case 'ne': return c !== 0;
    case 'gt': return c > 0;
    case 'gte': return c >= 0;
    case 'lt': return c < 0;
    case 'lte': return c <= 0;
  }
}

/** One filter: some value at the path satisfies some operand (comma = OR). `ne` means no value equals any operand. */
export function matchesFilter(resource: unknown, f: Filter): boolean {
  const actual = valuesAt(resource, f.path);
  if (f.op === 'ne') return !actual.some((a) => f.values.some((v) => compare(a, v) === 0));
  return actual.some((a) => f.values.some((v) => matchOne(a, f.op, v)));
}

/**
 * Attributes a server computes on the way out instead of storing: `href` (the resource's URL, from the origin the
 * client used). TMF630 filters name attributes of the resource as the client sees it, so `?href=<an href it was
 * given>` must find the resource (TM Forum's TMF663 kit searches that way). A filter on one of these is matched
 * against the represented resource.
 */
export const COMPUTED_ATTRIBUTES: ReadonlySet<string> = new Set(['href']);

/** Whether matching these filters needs the resource as represented (see COMPUTED_ATTRIBUTES). */
export function needsRepresentation(filters: readonly Filter[]): boolean {
  return filters.some((f) => COMPUTED_ATTRIBUTES.has(f.path[0]!));
}

/** All filters hold (AND). */
export function matchesFilters(resource: unknown, filters: readonly Filter[]): boolean {
  return filters.every((f) => matchesFilter(resource, f));
}
