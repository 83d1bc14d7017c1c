import { compare } from './filter.js';
import { firstValueAt } from './paths.js';
import type { SortKey } from './query.js';

function cmp(a: unknown, b: unknown): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1; // absent values last
  if (b === undefined) return -1;
  return compare(a, String(b)) ?? 0;
}

/** Stable sort by `sort=a,-b` keys; items without the attribute go last. */
export function sortResources<T>(items: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...items];
  return [...items].sort((x, y) => {
    for (const k of keys) {
      const c = cmp(firstValueAt(x, k.path), firstValueAt(y, k.path));
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  });
}
