import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from './helpers.js';

describe('response-received', () => {
  it('fails with the transport reason, passes on an answer', () => {
    assert.deepEqual(run('response-received', { error: 'timeout after 300 ms (no response)' }), { status: 'fail', reason: 'timeout after 300 ms (no response)', source: 'TMF630' });
    assert.equal(run('response-received', { status: 200 }).status, 'pass');
  });
});

describe('status-code-conformance', () => {
  it('passes an expected, declared status', () => assert.equal(run('status-code-conformance', { status: 200 }).status, 'pass'));
  it('fails an unexpected status, naming both', () => {
    const o = run('status-code-conformance', { status: 200 }, { kind: 'create', expect: [201] });
    assert.equal(o.status, 'fail');
    assert.equal(o.reason, 'expected 201, got 200');
    assert.equal(o.source, 'document');
  });
  it('accepts 206 for a partial list with an advisory (TMF630), fails it in strict mode', () => {
    const o = run('status-code-conformance', { status: 206 }, { expect: [200, 206] });
    assert.equal(o.status, 'pass');
    assert.match(o.advisory ?? '', /206 is not declared/);
    assert.equal(run('status-code-conformance', { status: 206 }, { expect: [200, 206], strict: true }).status, 'fail');
  });
  it('skips without a response', () => assert.equal(run('status-code-conformance', { error: 'x' }).status, 'skip'));
});

describe('no-server-error', () => {
  it('fails on 5xx only', () => {
    assert.equal(run('no-server-error', { status: 503, body: {} }).status, 'fail');
    assert.equal(run('no-server-error', { status: 404, body: {} }).status, 'pass');
  });
});

describe('content-type-json', () => {
  it('accepts application/json with or without charset; the charset difference is an advisory', () => {
    assert.deepEqual(run('content-type-json', { body: [] }).advisory, undefined);
    const o = run('content-type-json', { body: [], headers: { 'content-type': 'application/json' } });
    assert.equal(o.status, 'pass');
    assert.match(o.advisory ?? '', /only by its charset parameter/);
    assert.equal(run('content-type-json', { body: [], headers: { 'content-type': 'application/json' } }, { strict: true }).status, 'fail');
  });
  it('fails a missing or non-JSON content type', () => {
    assert.match(run('content-type-json', { body: [], headers: { 'content-type': '' } }).reason ?? '', /no Content-Type/);
    assert.match(run('content-type-json', { raw: '<p>', headers: { 'content-type': 'text/html' } }).reason ?? '', /text\/html", not JSON/);
  });
  it('skips 204', () => assert.equal(run('content-type-json', { status: 204, headers: { 'content-type': '' } }).status, 'skip'));
});

describe('json-body', () => {
  it('passes JSON, fails text, empty and truncated bodies', () => {
    assert.equal(run('json-body', { body: { a: 1 } }).status, 'pass');
    assert.match(run('json-body', { raw: '<html>' }).reason ?? '', /not valid JSON/);
    assert.match(run('json-body', { raw: '' }).reason ?? '', /empty body/);
    assert.match(run('json-body', { raw: '[{"a":', truncated: true }).reason ?? '', /cap/);
  });
  it('skips 204 without a body, fails 204 with one', () => {
    assert.equal(run('json-body', { status: 204 }).status, 'skip');
    assert.equal(run('json-body', { status: 204, raw: '{}' }).status, 'fail');
  });
});

describe('error-shape', () => {
  it('passes a TMF Error, fails anything else on 4xx/5xx, skips 2xx', () => {
    assert.equal(run('error-shape', { status: 404, body: { code: '404', reason: 'Not Found' } }).status, 'pass');
    assert.match(run('error-shape', { status: 404, body: { error: 'nope' } }).reason ?? '', /"code" is missing; "reason" is missing/);
    assert.match(run('error-shape', { status: 500, raw: 'oops' }).reason ?? '', /not JSON/);
    assert.match(run('error-shape', { status: 400, body: { code: 400, reason: 'x' } }).reason ?? '', /"code" is number/);
    assert.equal(run('error-shape', { status: 200, body: {} }).status, 'skip');
  });
});

describe('paging-headers', () => {
  const url = 'http://t/tmf-api/shoppingCart/v4/shoppingCart?offset=0&limit=1';
  it('passes consistent headers, with an advisory naming 200 vs 206', () => {
    const o = run('paging-headers', { url, body: [{ id: 'a' }], headers: { 'x-total-count': '3', 'x-result-count': '1' } });
    assert.equal(o.status, 'pass');
    assert.match(o.advisory ?? '', /answered 200/);
    assert.match(run('paging-headers', { url, status: 206, body: [{ id: 'a' }], headers: { 'x-total-count': '3', 'x-result-count': '1' } }).advisory ?? '', /206/);
  });
  it('fails inconsistent counts, pages over the limit, missing declared headers, a total below what exists', () => {
    assert.match(run('paging-headers', { url, body: [{ id: 'a' }], headers: { 'x-total-count': '3', 'x-result-count': '2' } }).reason ?? '', /X-Result-Count is 2/);
    assert.match(run('paging-headers', { url, body: [{ id: 'a' }, { id: 'b' }], headers: { 'x-total-count': '3', 'x-result-count': '2' } }).reason ?? '', /limit=1 but 2 items/);
    assert.match(run('paging-headers', { url, body: [{ id: 'a' }] }).reason ?? '', /missing X-Result-Count and X-Total-Count/);
    assert.match(run('paging-headers', { url, body: [{ id: 'a' }], headers: { 'x-total-count': '1', 'x-result-count': '1' } }, { params: { minTotal: 2 } }).reason ?? '', /at least 2/);
  });
});
