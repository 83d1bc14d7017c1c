/**
 * TMF630 collection query: `fields`, `offset`, `limit`, `sort`, and attribute filters
 * (`attr=value`, dotted paths, comma = OR, operators `.gt .gte .lt .lte .ne .eq .regex` or `attr[gt]=`).
 * One parser for the mock (to answer) and the runner (to know what it asked).
 */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'regex';

export interface Filter {
  path: string[]; // ['relatedParty', 'id']
  op: FilterOp;
  values: string[]; // OR-ed
}

export interface SortKey {
  path: string[];
  descending: boolean;
}

export interface CollectionQuery {
  fields?: string[];
  offset: number;
  limit?: number;
  sort: SortKey[];
  filters: Filter[];
}

export class QueryError extends Error {
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.name = 'QueryError';
    this.parameter = parameter;
  }
}

const OPS = new Set<FilterOp>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'regex']);
const MAX_PARAM_LENGTH = 4096;
export const MAX_LIMIT = 1000;
const SEGMENT = /^[A-Za-z0-9_@$-]+$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);

type Raw = URLSearchParams | Record<string, string | string[] | undefined>;

function entries(raw: Raw): Array<[string, string]> {
  if (raw instanceof URLSearchParams) return [...raw.entries()];
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) out.push([k, String(one)]);
  }
  return out;
}

function integer(name: string, value: string, min: number, max: number): number {
  if (!/^\s*-?\d+\s*$/.test(value)) throw new QueryError(name, `${name} must be an integer, got "${value.slice(0, 40)}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new QueryError(name, `${name} must be between ${min} and ${max}, got ${value.slice(0, 40)}`);
  return n;
}

export function splitPath(name: string, raw: string): string[] {
  const path = raw.split('.');
  for (const seg of path) {
    if (!SEGMENT.test(seg) || FORBIDDEN_SEGMENTS.has(seg)) throw new QueryError(name, `"${raw.slice(0, 80)}" is not an attribute path`);
  }
  return path;
}

/** `name.gt` or `name[gt]` → path + op; plain `name` → eq. */
function filterKey(key: string): { path: string[]; op: FilterOp } {
  const bracket = /^(.+)\[(\w+)\]$/.exec(key);
  if (bracket && OPS.has(bracket[2] as FilterOp)) return { path: splitPath(key, bracket[1]!), op: bracket[2] as FilterOp };
  const dot = key.lastIndexOf('.');
  const tail = dot > 0 ? key.slice(dot + 1) : '';
  if (OPS.has(tail as FilterOp)) return { path: splitPath(key, key.slice(0, dot)), op: tail as FilterOp };
  return { path: splitPath(key, key), op: 'eq' };
}

export function parseCollectionQuery(raw: Raw, { maxLimit = MAX_LIMIT } = {}): CollectionQuery {
  const q: CollectionQuery = { offset: 0, sort: [], filters: [] };
  for (const [key, value] of entries(raw)) {
    if (key.length > 256 || value.length > MAX_PARAM_LENGTH) throw new QueryError(key.slice(0, 40), `query parameter "${key.slice(0, 40)}" is too long`);
    switch (key) {
      case 'fields': {
        const list = value.split(',').map((s) => s.trim()).filter(Boolean);
        if (list.length === 0) throw new QueryError('fields', 'fields must name at least one attribute');
        list.forEach((f) => splitPath('fields', f));
        q.fields = [...(q.fields ?? []), ...list];
        break;
      }
      case 'offset': q.offset = integer('offset', value, 0, Number.MAX_SAFE_INTEGER); break;
      case 'limit': q.limit = integer('limit', value, 0, maxLimit); break;
      case 'sort':
        for (const s of value.split(',').map((x) => x.trim()).filter(Boolean)) {
          const descending = s.startsWith('-');
          q.sort.push({ path: splitPath('sort', s.replace(/^[-+]/, '')), descending });
        }
        break;
      case 'depth': case 'expand': break; // accepted, not applied
      default: {
        const { path, op } = filterKey(key);
        if (op === 'regex') checkRegex(key, value);
        const values = op === 'regex' ? [value] : value.split(',');
        q.filters.push({ path, op, values });
      }
    }
  }
  return q;
}

/** A regex filter that does not compile, or is longer than a filter needs, is the client's error (400). */
function checkRegex(key: string, pattern: string): void {
  if (pattern.length > 200) throw new QueryError(key, `${key} is longer than 200 characters`);
  try {
    new RegExp(pattern);
  } catch (e) {
    throw new QueryError(key, `${key} is not a regular expression: ${(e as Error).message.slice(0, 120)}`);
  }
}
