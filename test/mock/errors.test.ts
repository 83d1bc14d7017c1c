import fc from 'fast-check';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadApi } from '../../src/document/load.js';
import { assertError, call, testServer } from './helpers.js';

/** Hostile and malformed input: every case a TMF 4xx Error, no crash, no prototype pollution. */
const api = loadApi('TMF663');
const base = `${api.basePath}/shoppingCart`;
const server = testServer({ apis: ['TMF663'], bodyLimit: 64 * 1024 });
after(() => server.close());

describe('malformed bodies', () => {
  it('truncated JSON, invalid UTF-8, empty body → 400', async () => {
    assertError(await call(server, 'POST', base, '{"cartItem": ['), 400, 'MALFORMED_JSON', api);
    assertError(await call(server, 'POST', base, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])), 400, 'MALFORMED_JSON', api);
    assertError(await call(server, 'POST', base, ''), 400, 'INVALID_BODY', api);
    assertError(await call(server, 'POST', base, 'null'), 400, 'INVALID_BODY', api);
  });

  it('deep nesting → 400 (no stack overflow)', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    assertError(await call(server, 'POST', base, `{"cartItem":${deep}}`), 400, undefined, api);
    const objects = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    assertError(await call(server, 'POST', base, objects), 400, 'INVALID_BODY', api);
  });

  it('__proto__, constructor and prototype keys anywhere → 400, and nothing is polluted', async () => {
    for (const body of ['{"__proto__":{"polluted":1}}', '{"cartItem":[{"constructor":{"prototype":{"polluted":1}}}]}', '{"relatedParty":[{"prototype":1}]}']) {
      assertError(await call(server, 'POST', base, body), 400, 'INVALID_BODY', api);
    }
    const id = ((await call(server, 'POST', base, {})).json as { id: string }).id;
    assertError(await call(server, 'PATCH', `${base}/${id}`, '{"__proto__":{"polluted":1}}', 'application/merge-patch+json'), 400, 'INVALID_BODY', api);
    assertError(await call(server, 'PATCH', `${base}/${id}`, [{ op: 'add', path: '/__proto__/polluted', value: 1 }], 'application/json-patch+json'), 400, undefined, api);
    assertError(await call(server, 'GET', `${base}?__proto__.polluted=1`), 400, 'INVALID_QUERY', api);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('oversized body → 413; wrong content types → 415', async () => {
    assertError(await call(server, 'POST', base, JSON.stringify({ description: 'x'.repeat(70 * 1024) })), 413, 'PAYLOAD_TOO_LARGE', api);
    assertError(await call(server, 'POST', base, 'a=1', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE', api);
    assertError(await call(server, 'POST', base, '{}', 'text/json'), 415, 'UNSUPPORTED_MEDIA_TYPE', api);
    assertError(await call(server, 'POST', base, '{}', 'application/merge-patch+json'), 415, 'UNSUPPORTED_MEDIA_TYPE', api);
    assertError(await call(server, 'POST', base, '{}', ''), 415, 'UNSUPPORTED_MEDIA_TYPE', api);
  });

  it('application/json with and without charset are both accepted', async () => {
    for (const ct of ['application/json', 'application/json;charset=utf-8', 'application/json; charset=UTF-8', 'Application/JSON']) {
      assert.equal((await call(server, 'POST', base, {}, ct)).status, 201, ct);
    }
  });
});

describe('hostile URLs and queries', () => {
  it('unknown path 404, bad encoding 400, unknown method 405', async () => {
    assertError(await call(server, 'GET', '/tmf-api/nothing/here'), 404, 'NOT_FOUND', api);
    assertError(await call(server, 'GET', `${base}/%E0%A4%A`), 400, 'BAD_URL', api);
    assertError(await call(server, 'POST', `${base}/sc-1001`, {}), 405, 'METHOD_NOT_ALLOWED', api);
    assertError(await call(server, 'DELETE', base), 405, 'METHOD_NOT_ALLOWED', api);
    assertError(await call(server, 'GET', `${base}/${'x'.repeat(300)}`), 404, 'NOT_FOUND', api);
  });

  it('absurd paging and field values → 400; empty filters and trailing slashes are fine', async () => {
    for (const q of ['limit=-1', 'offset=1e309', 'offset=-5', 'limit=abc', 'fields=', 'fields=,,', 'sort=a..b', `x=${'y'.repeat(5000)}`, 'a[gt]b=1']) {
      assertError(await call(server, 'GET', `${base}?${q}`), 400, 'INVALID_QUERY', api);
    }
    assert.equal((await call(server, 'GET', `${base}?description=`)).status, 200);
    assert.equal((await call(server, 'GET', `${base}?id=%FF%FE`)).status, 200, 'undecodable query bytes are just values');
    assertError(await call(server, 'GET', `${base}/%FF`), 400, 'BAD_URL', api);
    assert.equal((await call(server, 'GET', `${base}/`)).status, 200);
    assert.equal((await call(server, 'GET', `${base}?limit=0`)).status, 206);
  });
});

describe('generated garbage (fast-check)', () => {
  it('any JSON value as a POST or PATCH body → 201/200 or a TMF 4xx, never 5xx', async () => {
    const id = ((await call(server, 'POST', base, {})).json as { id: string }).id;
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), async (value, patch) => {
      const a = patch
        ? await call(server, 'PATCH', `${base}/${id}`, JSON.stringify(value), 'application/merge-patch+json')
        : await call(server, 'POST', base, JSON.stringify(value));
      assert.ok(a.status < 500, `${a.status} ${a.text}`);
      if (a.status >= 400) assert.equal((a.json as { '@type': string })['@type'], 'Error');
    }), { numRuns: 150, seed: 42 });
  });

  it('any query string → 200/206 or 400, never 5xx', async () => {
    const key = fc.oneof(fc.constantFrom('fields', 'offset', 'limit', 'sort', 'id', 'cartItem.quantity.gt', 'x[regex]'), fc.string({ maxLength: 12 }));
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(key, fc.string({ maxLength: 20 })), { maxLength: 5 }), async (pairs) => {
      const qs = new URLSearchParams(pairs).toString();
      const a = await call(server, 'GET', `${base}?${qs}`);
      assert.ok([200, 206, 400].includes(a.status), `${qs} → ${a.status} ${a.text}`);
    }), { numRuns: 200, seed: 7 });
  });
});

describe('fault injection and latency', () => {
  it('--fault-rate answers that fraction with a TMF 500/503, only on API routes', async () => {
    let n = 0;
    const values = [0.1, 0.2, 0.3, 0.7, 0.9]; // fault? (< 0.5), then 500 (< 0.5) or 503
    const s = testServer({ apis: ['TMF663'], faultRate: 0.5, random: () => values[n++ % values.length]! });
    try {
      const first = await call(s, 'GET', base);
      assertError(first, 500, 'FAULT_INJECTED', api);
      const second = await call(s, 'GET', base);
      assertError(second, 503, 'FAULT_INJECTED', api);
      assert.equal(second.headers['retry-after'], '1');
      assert.equal((await call(s, 'GET', base)).status, 200);
      assert.equal((await call(s, 'GET', '/')).status, 200);
    } finally {
      await s.close();
    }
  });

  it('--latency delays API requests', async () => {
    const s = testServer({ apis: ['TMF663'], latencyMs: 60 });
    try {
      const t0 = performance.now();
      assert.equal((await call(s, 'GET', `${base}/sc-1001`)).status, 200);
      assert.ok(performance.now() - t0 >= 55);
    } finally {
      await s.close();
    }
  });
});

describe('responses', () => {
  it('all validated against the spec', () => assert.deepEqual(server.violations, []));
});
