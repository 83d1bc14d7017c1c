/**
 * The sandbox's URL shim must behave like node's URL on what a conformance run builds: generated base URLs,
 * paths with ids from the target (escaped or not), hrefs resolved against the API root, and query parameters
 * appended with searchParams (the request builder's and the checks' uses).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { URL as ShimURL, URLSearchParams as ShimParams } from '../../src/collection/sandbox/url.ts';

const host = fc.constantFrom('127.0.0.1', 'localhost', 'LocalHost', '[::1]', 'api.example.com', 'a-b.example');
const port = fc.option(fc.constantFrom('80', '443', '8080', '0', '65535', '08080'), { nil: undefined });
const scheme = fc.constantFrom('http', 'https', 'HTTP');
const text = fc.string({ unit: 'binary', maxLength: 12 });
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_~-]{1,10}$/),
  text.map(encodeURIComponent),
  fc.constantFrom('.', '..', '%2e', 'a b', '{x}', 'é', 'a^b', "it's", '`', '%zz', 'a|b', '[1]'),
);
const path = fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`);
const query = fc.option(fc.array(fc.tuple(text, text), { maxLength: 4 }), { nil: undefined });
const base = fc.tuple(scheme, host, port, path).map(([s, h, p, pa]) => `${s}://${h}${p === undefined ? '' : `:${p}`}${pa}`);

function same(input: string, baseUrl?: string, params?: Array<[string, string]>): void {
  let expected: URL | undefined;
  try {
    expected = new URL(input, baseUrl);
  } catch {
    return; // only URLs node accepts are compared
  }
  const got = new ShimURL(input, baseUrl);
  for (const [k, v] of params ?? []) {
    expected.searchParams.append(k, v);
    got.searchParams.append(k, v);
  }
  for (const key of ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'] as const) {
    assert.equal(got[key], expected[key], `${key} of ${JSON.stringify(input)} on ${String(baseUrl)}`);
  }
  assert.deepEqual([...got.searchParams.entries()], [...expected.searchParams.entries()]);
}

test('absolute URLs parse as node parses them, also after appending query parameters', () => {
  fc.assert(fc.property(base, query, (b, q) => same(b, undefined, q)), { numRuns: 2000 });
});

test('references resolve against a base as node resolves them', () => {
  // A reference starting with `//` names a host: only the explicit one below, generated paths never do.
  const local = path.filter((p) => !p.startsWith('//'));
  const ref = fc.oneof(local, local.map((p) => p.slice(1)), base, fc.tuple(local, text).map(([p, s]) => `${p}?q=${s}#f`),
    fc.constantFrom('', '?a=1', '#x', '//other.example:81/p', '../up', './same', '..\\back'));
  fc.assert(fc.property(ref, base, (r, b) => same(r, b)), { numRuns: 2000 });
});

test('URLSearchParams reads and writes form encoding as node does', () => {
  fc.assert(fc.property(fc.array(fc.tuple(text, text), { maxLength: 5 }), (pairs) => {
    const ours = new ShimParams();
    const node = new URLSearchParams();
    for (const [k, v] of pairs) { ours.append(k, v); node.append(k, v); }
    assert.equal(ours.toString(), node.toString());
    assert.deepEqual([...new ShimParams(node.toString())], [...new URLSearchParams(node.toString())]);
  }), { numRuns: 1000 });
  fc.assert(fc.property(fc.string({ maxLength: 30 }), (raw) => {
    assert.deepEqual([...new ShimParams(raw)], [...new URLSearchParams(raw)]);
  }), { numRuns: 1000 });
});

test('what the shim does not support fails like an invalid URL', () => {
  assert.throws(() => new ShimURL('ftp://example.com/'), TypeError);
  assert.throws(() => new ShimURL('/relative'), TypeError);
  assert.throws(() => new ShimURL('http://exämple.com/'), TypeError);
});
