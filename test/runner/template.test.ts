import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTemplate, UnresolvedError } from '../../src/core/template.js';
import { buildRequest } from '../../src/runner/request.js';

describe('templates', () => {
  const vars = { runId: 'r1', created: { id: 'a/b c', n: 2, items: [{ id: 'x' }] } };
  it('a whole placeholder keeps the value type; inside strings values are stringified', () => {
    assert.deepEqual(resolveTemplate({ n: '{{created.n}}', items: '{{created.items}}', name: 'cart {{runId}}' }, vars), { n: 2, items: [{ id: 'x' }], name: 'cart r1' });
    assert.equal(resolveTemplate('{{created.items.0.id}}', vars), 'x');
  });
  it('an unresolved placeholder throws, naming it; prototype keys are never read', () => {
    assert.throws(() => resolveTemplate('/x/{{created.missing}}', vars), (e: unknown) => e instanceof UnresolvedError && e.variable === 'created.missing');
    assert.throws(() => resolveTemplate('{{created.constructor}}', vars), UnresolvedError);
  });
  it('ids are escaped in paths; an href on another origin is requested on the target, with an advisory', () => {
    const env = { baseUrl: 'http://t:1/api/v4', headers: { Authorization: 'Bearer s' } };
    const r = buildRequest({ method: 'GET', path: '/cart/{{created.id}}', query: [['fields', 'a,b']] }, vars, env);
    assert.equal(r.http.url, 'http://t:1/api/v4/cart/a%2Fb%20c?fields=a%2Cb');
    assert.equal(r.http.headers.Authorization, 'Bearer s');
    assert.equal(r.recorded.headers.Authorization, '[redacted]');
    const h = buildRequest({ method: 'GET', url: 'https://public.example.com/api/v4/cart/1' }, vars, env);
    assert.equal(h.http.url, 'http://t:1/api/v4/cart/1');
    assert.match(h.advisory ?? '', /another origin/);
  });
});
