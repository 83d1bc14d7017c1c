import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesFilters } from '../../src/tmf/filter.js';
import { parseCollectionQuery, QueryError } from '../../src/tmf/query.js';
import { sortResources } from '../../src/tmf/sort.js';

const q = (s: string) => parseCollectionQuery(new URLSearchParams(s));

describe('parseCollectionQuery', () => {
  it('reads fields, offset, limit and sort', () => {
    const r = q('fields=name,relatedParty.id&offset=2&limit=5&sort=-creationDate,name');
    assert.deepEqual(r.fields, ['name', 'relatedParty.id']);
    assert.equal(r.offset, 2);
    assert.equal(r.limit, 5);
    assert.deepEqual(r.sort, [{ path: ['creationDate'], descending: true }, { path: ['name'], descending: false }]);
    assert.deepEqual(r.filters, []);
  });
  it('reads filters: dotted paths, comma = OR, .op and [op] operators', () => {
    const r = q('state=acknowledged,inProgress&relatedParty.id=p1&orderDate.gte=2026-01-01&amount[lt]=10&name.regex=^A');
    assert.deepEqual(r.filters, [
      { path: ['state'], op: 'eq', values: ['acknowledged', 'inProgress'] },
      { path: ['relatedParty', 'id'], op: 'eq', values: ['p1'] },
      { path: ['orderDate'], op: 'gte', values: ['2026-01-01'] },
      { path: ['amount'], op: 'lt', values: ['10'] },
      { path: ['name'], op: 'regex', values: ['^A'] },
    ]);
  });
  it('rejects absurd values with a QueryError naming the parameter', () => {
    for (const [s, param] of [['limit=-1', 'limit'], ['offset=1e309', 'offset'], ['limit=abc', 'limit'], ['fields=', 'fields'],
      ['fields=,,', 'fields'], ['limit=100000000', 'limit'], ['id.regex=sc-1(', 'id.regex'], [`name.regex=${'a'.repeat(201)}`, 'name.regex'], ['__proto__.x=1', '__proto__.x'], ['a..b=1', 'a..b'], ['constructor=1', 'constructor']] as const) {
      assert.throws(() => q(s), (e: unknown) => e instanceof QueryError && e.parameter === param, s);
    }
  });
});

const items = [
  { id: '1', name: 'Alpha', amount: 5, orderDate: '2026-01-05T10:00:00Z', relatedParty: [{ id: 'p1' }, { id: 'p2' }], state: 'acknowledged' },
  { id: '2', name: 'beta', amount: 10, orderDate: '2025-12-31T23:00:00Z', relatedParty: [{ id: 'p3' }], state: 'completed' },
  { id: '3', name: 'Gamma', amount: 20, state: 'inProgress' },
];
const filter = (s: string) => items.filter((i) => matchesFilters(i, q(s).filters)).map((i) => i.id);

describe('filters', () => {
  it('equality on strings, OR lists, nested arrays', () => {
    assert.deepEqual(filter('state=acknowledged,completed'), ['1', '2']);
    assert.deepEqual(filter('relatedParty.id=p2'), ['1']);
    assert.deepEqual(filter('id=3'), ['3']);
  });
  it('numbers compare as numbers, dates as instants', () => {
    assert.deepEqual(filter('amount.gt=5'), ['2', '3']);
    assert.deepEqual(filter('amount.lte=10'), ['1', '2']);
    assert.deepEqual(filter('orderDate.gte=2026-01-01T00:00:00Z'), ['1']);
    assert.deepEqual(filter('orderDate.lt=2026-01-01'), ['2']);
  });
  it('ne excludes, regex matches, AND across parameters', () => {
    assert.deepEqual(filter('state.ne=completed'), ['1', '3']);
    assert.deepEqual(filter('name.regex=^[A-Z]'), ['1', '3']);
    assert.deepEqual(filter('state.ne=completed&amount.gt=5'), ['3']);
    assert.deepEqual(filter('name.regex=(a+)+$'), [], 'catastrophic pattern refused, matches nothing');
  });
  it('unknown attributes match nothing rather than crash', () => {
    assert.deepEqual(filter('nope=1'), []);
  });
});

describe('sort', () => {
  it('sorts ascending, descending, absent values last, stable', () => {
    assert.deepEqual(sortResources(items, q('sort=-amount').sort).map((i) => i.id), ['3', '2', '1']);
    assert.deepEqual(sortResources(items, q('sort=orderDate').sort).map((i) => i.id), ['2', '1', '3']);
  });
});
