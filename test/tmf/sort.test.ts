import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compare } from '../../src/tmf/filter.js';
import { sortResources } from '../../src/tmf/sort.js';
import type { SortKey } from '../../src/tmf/query.js';

/** The sort as TMF630's comparison defines it, one compare() per comparison: what sortResources must equal. */
function reference<T>(items: readonly T[], keys: readonly SortKey[]): T[] {
  const at = (x: unknown, path: readonly string[]) => path.reduce<unknown>((v, p) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[p] : undefined), x);
  const cmp = (a: unknown, b: unknown) => (a === undefined && b === undefined ? 0 : a === undefined ? 1 : b === undefined ? -1 : compare(a, String(b)) ?? 0);
  return [...items].sort((x, y) => {
    for (const k of keys) {
      const c = cmp(at(x, k.path), at(y, k.path));
      if (c !== 0) return k.descending ? -c : c;
    }
    return 0;
  });
}

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const POOL: unknown[] = [0, 1, -2, 10, 9.5, '10', '9', ' ', '', 'abc', 'Abc', 'b', true, false, 'true', 'false', null, { a: 1 },
  '2024-01-01T00:00:00Z', '2024-01-01', '2023-12-31T23:59:59.999+01:00', '2024-13-45', '0x10', '1e3', 1000, undefined];

describe('sortResources works out each value once and sorts exactly as compare() says', () => {
  it('equals the one-compare-per-comparison sort on 300 random collections of mixed values, one and two keys, both directions', () => {
    const next = rng(42);
    for (let round = 0; round < 300; round++) {
      const items = Array.from({ length: 1 + Math.floor(next() * 25) }, (_, i) => {
        const pick = () => POOL[Math.floor(next() * POOL.length)];
        const item: Record<string, unknown> = { id: String(i) };
        const a = pick();
        const b = pick();
        if (a !== undefined) item.a = a;
        if (b !== undefined) item.nested = { b };
        return item;
      });
      const keys: SortKey[] = [{ path: ['a'], descending: next() < 0.5 }, ...(next() < 0.5 ? [{ path: ['nested', 'b'], descending: next() < 0.5 }] : [])];
      assert.deepEqual(sortResources(items, keys).map((x) => x.id), reference(items, keys).map((x) => x.id), JSON.stringify({ items, keys }));
    }
  });

  it('dates as instants, numeric strings as numbers, absent last', () => {
    const items = [{ id: 'a', d: '2024-01-02T00:00:00Z' }, { id: 'b', d: '2024-01-01T23:00:00-02:00' }, { id: 'c' }, { id: 'd', d: '2023-06-01' }];
    assert.deepEqual(sortResources(items, [{ path: ['d'], descending: false }]).map((x) => x.id), ['d', 'a', 'b', 'c'], '-02:00 is two hours later than Z');
    const nums = [{ id: 'x', n: '10' }, { id: 'y', n: '9' }];
    assert.deepEqual(sortResources(nums, [{ path: ['n'], descending: false }]).map((x) => x.id), ['y', 'x']);
  });
});
