import assert from 'node:assert/strict';
import type { MockServer } from '../../src/mock/server.js';

/**
 * Prototype pollution shows as a new property on a built-in prototype, or as an own `__proto__`,
 * `constructor` or `prototype` key (or a non-plain prototype) somewhere in a stored resource.
 */
const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };

export type Snapshot = Record<string, string[]>;

export function prototypeSnapshot(): Snapshot {
  return Object.fromEntries(Object.entries(PROTOTYPES).map(([k, p]) => [k, Reflect.ownKeys(p).map(String).sort()]));
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of unsafe own keys or exotic prototypes in a stored value (iterative: values may be deep). */
export function unsafeInside(value: unknown): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) found.push(`${path}: prototype is not plain`);
    for (const k of Reflect.ownKeys(v).map(String)) {
      if (UNSAFE.has(k)) found.push(`${path}/${k}`);
      else stack.push([(v as Record<string, unknown>)[k], `${path}/${k}`]);
    }
  }
  return found;
}

export async function assertNoPollution(before: Snapshot, mock: MockServer): Promise<void> {
  assert.deepEqual(prototypeSnapshot(), before, 'no property added to a built-in prototype');
  for (const probe of ['polluted', 'isAdmin', 'x']) {
    assert.equal(({} as Record<string, unknown>)[probe], undefined, `({}).${probe}`);
    assert.equal(([] as unknown as Record<string, unknown>)[probe], undefined, `[].${probe}`);
  }
  for (const api of mock.apis) {
    for (const res of api.resources) {
      for (const r of await mock.store.list(`${api.id}/${res.name}`)) {
        assert.deepEqual(unsafeInside(r), [], `${api.id} ${res.name} ${r.id}`);
      }
    }
  }
}
