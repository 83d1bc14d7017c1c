import { ISO_DATE } from './filter.js';
import { firstValueAt } from './paths.js';
import type { SortKey } from './query.js';

/**
 * A sort value with what `compare` (src/tmf/filter.ts) derives from it worked out once: a sort of n items makes
 * n·log n comparisons, and parsing an ISO date or a number on each was most of a large sort's time.
 */
interface Key {
  /** undefined: absent (last); null: not comparable (a JSON null or an object: equal to anything, as compare says). */
  raw: unknown;
  str: string;
  blank: boolean;
  num: number;
  /** The instant when `str` is an ISO date that parses; NaN otherwise. */
  date: number;
}

function keyOf(raw: unknown): Key {
  const str = String(raw);
  const date = ISO_DATE.test(str) ? Date.parse(str) : NaN;
  return { raw, str, blank: str.trim() === '', num: Number(str), date };
}

const order = (a: number, b: number): number => (a === b ? 0 : a < b ? -1 : 1);

/** Exactly `compare(a.raw, String(b.raw)) ?? 0`, from the worked-out keys. */
function compareKeys(a: Key, b: Key): number {
  const actual = a.raw;
  if (actual === null || typeof actual === 'object') return 0;
  if (typeof actual === 'number' || typeof actual === 'boolean') {
    const n = typeof actual === 'boolean' ? (b.str === 'true' ? 1 : b.str === 'false' ? 0 : NaN) : b.num;
    if (Number.isNaN(n) || b.blank) return 0;
    return order(Number(actual), n);
  }
  if (!Number.isNaN(a.date) && !Number.isNaN(b.date)) return order(a.date, b.date);
  if (a.str === b.str) return 0;
  if (!a.blank && !b.blank && !Number.isNaN(a.num) && !Number.isNaN(b.num)) return order(a.num, b.num);
  return a.str < b.str ? -1 : 1;
}

function cmp(a: Key | undefined, b: Key | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1; // absent values last
  if (b === undefined) return -1;
  return compareKeys(a, b);
}

/** Stable sort by `sort=a,-b` keys; items without the attribute go last. */
export function sortResources<T>(items: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...items];
  const rows = items.map((item) => ({ item, keys: keys.map((k) => {
    const v = firstValueAt(item, k.path);
    return v === undefined ? undefined : keyOf(v);
  }) }));
  rows.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const c = cmp(x.keys[i], y.keys[i]);
      if (c !== 0) return keys[i]!.descending ? -c : c;
    }
    return 0;
  });
  return rows.map((r) => r.item);
}
