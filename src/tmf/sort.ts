import { comparable, compareComparable, type Comparable } from './filter.js';
import { firstValueAt } from './paths.js';
import type { SortKey } from './query.js';

function cmp(a: Comparable | undefined, b: Comparable | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1; // absent values last
  if (b === undefined) return -1;
  return compareComparable(a, b) ?? 0;
}

/** Stable sort by `sort=a,-b` keys; items without the attribute go last. Each value is worked out once (filter.ts comparable). */
export function sortResources<T>(items: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...items];
  const rows = items.map((item) => ({ item, keys: keys.map((k) => {
    const v = firstValueAt(item, k.path);
    return v === undefined ? undefined : comparable(v);
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
