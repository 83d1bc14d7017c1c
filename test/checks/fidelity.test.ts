import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLinkHeader, linksByRel } from '../../src/tmf/links.js';
import { run } from './helpers.js';

const LIST = 'http://t/tmf-api/shoppingCart/v4/shoppingCart';

describe('Link header (RFC 8288)', () => {
  it('parses entries, quoted rels with several types and commas inside quotes', () => {
    const v = '</a?offset=0&limit=1>; rel="first", </a?offset=4&limit=1>; rel="last"; title="a, b", </a?offset=1&limit=1>; rel="next prev"';
    const p = parseLinkHeader(v);
    assert.deepEqual(p.problems, []);
    assert.deepEqual(linksByRel(v), { first: '/a?offset=0&limit=1', last: '/a?offset=4&limit=1', next: '/a?offset=1&limit=1', prev: '/a?offset=1&limit=1' });
  });
  it('names what is malformed: two query strings, no <URI>, no rel', () => {
    const p = parseLinkHeader('</a?offset=1?limit=1>; rel="next", /a?offset=2; rel="last", </a>');
    assert.deepEqual(p.problems, ['</a?offset=1?limit=1> holds more than one query string ("?")', 'entry "/a?offset=2; rel=\\"last\\"" does not start with <URI>', '</a> has no rel']);
    assert.equal(run('link-header', { headers: { link: '</a?offset=1?limit=1>; rel="next"' } }).status, 'fail');
    assert.equal(run('link-header', { headers: { link: '</a?offset=1&limit=1>; rel=next' } }).status, 'pass');
    assert.equal(run('link-header', {}).status, 'skip');
  });
  it('a __proto__ relation is not stored', () => {
    assert.deepEqual(Object.keys(linksByRel('</x>; rel="__proto__"')), []);
  });
});

describe('paging checks', () => {
  it('total-count: a complete answer must count its items; other lists are not judged', () => {
    const one = { url: `${LIST}?id=c1`, body: [{ id: 'c1' }] };
    assert.equal(run('total-count', { ...one, headers: { 'x-total-count': '1' } }, { params: { complete: true } }).status, 'pass');
    const off = run('total-count', { ...one, headers: { 'x-total-count': '3' } }, { params: { complete: true } });
    assert.equal(off.status, 'fail');
    assert.equal(off.source, 'document');
    assert.match(off.cite ?? '', /^document #\/paths\/~1shoppingCart\/get\/responses\/200\/headers\/X-Total-Count/);
    assert.equal(run('total-count', { ...one, headers: { 'x-total-count': '3' } }).status, 'skip');
    assert.equal(run('total-count', { url: `${LIST}?offset=2&limit=1`, body: [] }, { params: { lastItem: true } }).status, 'fail');
  });
  it('offset-honoured: a repeat fails; an unstable first page makes it inconclusive', () => {
    const previous = [[{ id: 'a' }], [{ id: 'a' }]];
    assert.equal(run('offset-honoured', { body: [{ id: 'b' }] }, { params: { previous } }).status, 'pass');
    assert.match(run('offset-honoured', { body: [{ id: 'a' }] }, { params: { previous } }).reason ?? '', /offset ignored: the page at offset 1 repeats "?a"? from offset 0/);
    assert.equal(run('offset-honoured', { body: [{ id: 'a' }] }, { params: { previous: [[{ id: 'a' }], [{ id: 'b' }]] } }).status, 'skip');
  });
  it('empty-page and same-page', () => {
    assert.equal(run('empty-page', { url: `${LIST}?offset=9&limit=1`, body: [] }).status, 'pass');
    assert.match(run('empty-page', { url: `${LIST}?offset=9&limit=1`, body: [{ id: 'a' }] }).reason ?? '', /offset 9 is past the end, yet 1 item\(s\) came back/);
    assert.equal(run('same-page', { body: [{ id: 'b' }] }, { params: { rel: 'next', expected: [{ id: 'b' }] } }).status, 'pass');
    assert.equal(run('same-page', { body: [{ id: 'a' }] }, { params: { rel: 'next', expected: [{ id: 'b' }] } }).status, 'fail');
    assert.equal(run('same-page', { body: [{ id: 'z' }], headers: { link: '</x?offset=9>; rel="next"' } }, { params: { rel: 'last', last: true } }).status, 'fail');
  });
});

describe('location-header', () => {
  const created = { status: 201, method: 'POST', body: { id: 'c1', href: 'http://t/tmf-api/shoppingCart/v4/shoppingCart/c1' } };
  it('equal to an absolute href (a trailing slash aside) passes; another resource or origin fails', () => {
    assert.equal(run('location-header', { ...created, headers: { location: 'http://t/tmf-api/shoppingCart/v4/shoppingCart/c1' } }, { expect: [201] }).status, 'pass');
    assert.equal(run('location-header', { ...created, headers: { location: '/tmf-api/shoppingCart/v4/shoppingCart/c1/' } }, { expect: [201] }).status, 'pass');
    const other = run('location-header', { ...created, headers: { location: 'http://other/tmf-api/shoppingCart/v4/shoppingCart/c1' } }, { expect: [201] });
    assert.equal(other.status, 'fail');
    assert.match(other.cite ?? '', /RFC 9110 §10\.2\.2/);
    assert.equal(run('location-header', { ...created, headers: { location: '/tmf-api/shoppingCart/v4/shoppingCart/c2' } }, { expect: [201] }).status, 'fail');
    assert.equal(run('location-header', created, { expect: [201] }).status, 'skip');
  });
});

describe('status-code-conformance quotes the target', () => {
  it('a TMF Error reason and message, once each', () => {
    const o = run('status-code-conformance', { status: 400, body: { code: '21', reason: 'Invalid body', message: 'productOrderItem.0.action is required' } }, { expect: [201] });
    assert.equal(o.reason, 'expected 201, got 400 — server said: Invalid body: productOrderItem.0.action is required');
  });
  it('control characters and long bodies are flattened and capped', () => {
    const o = run('status-code-conformance', { status: 500, raw: `boom\u0000\n${'x'.repeat(300)}`, headers: { 'content-type': 'text/plain' } }, { expect: [200] });
    assert.equal(o.reason, `expected 200, got 500 — server said: boom ${'x'.repeat(195)}…`);
  });
});
