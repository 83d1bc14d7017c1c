import type { Filter } from './query.js';
import { valuesAt } from './paths.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/;
const MAX_REGEX = 200;

/**
 * A value with what a comparison derives from it worked out once (its text, number, instant): a sort of n items
 * makes n·log n comparisons, and parsing an ISO date or a number at each was most of a large sort's time.
 */
export interface Comparable {
  raw: unknown;
  str: string;
  blank: boolean;
  num: number;
  /** The instant when `str` is an ISO date that parses; NaN otherwise. */
  date: number;
}

export function comparable(raw: unknown): Comparable {
  const str = String(raw);
  return { raw, str, blank: str.trim() === '', num: Number(str), date: ISO_DATE.test(str) ? Date.parse(str) : NaN };
}

const order = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1);

/**
 * TMF630 comparison of a stored value (`actual`) with an operand, read as text (`operand.str`): numbers as numbers,
 * ISO dates as instants, numeric strings as numbers, else as strings. Undefined when they do not compare.
 */
export function compareComparable(actual: Comparable, operand: Comparable): number | undefined {
  const a = actual.raw;
  if (a === null || a === undefined || typeof a === 'object') return undefined;
  if (typeof a === 'number' || typeof a === 'boolean') {
    const n = typeof a === 'boolean' ? (operand.str === 'true' ? 1 : operand.str === 'false' ? 0 : NaN) : operand.num;
    if (Number.isNaN(n) || operand.blank) return undefined;
    return order(Number(a), n);
  }
  if (!Number.isNaN(actual.date) && !Number.isNaN(operand.date)) return order(actual.date, operand.date);
  if (actual.str === operand.str) return 0;
  if (!actual.blank && !operand.blank && !Number.isNaN(actual.num) && !Number.isNaN(operand.num)) return order(actual.num, operand.num);
  return actual.str < operand.str ? -1 : 1;
}

/** Compares a stored value to a filter operand: numbers as numbers, ISO dates as instants, else as strings. */
export function compare(actual: unknown, operand: string): number | undefined {
  return compareComparable(comparable(actual), comparable(operand));
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
