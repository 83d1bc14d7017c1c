import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorShapeProblems, tmfError } from '../../src/tmf/errors.js';
import { extraAttributes, selectFields } from '../../src/tmf/fields.js';
import { charsetAdvisory, isJsonMediaType, patchFlavour } from '../../src/tmf/media-types.js';
import { checkPaging, pageOf, pagingHeaders } from '../../src/tmf/paging.js';
import { applyPatch, PatchError, touchedAttributes } from '../../src/tmf/patch.js';

describe('fields selection', () => {
  const r = { id: '1', href: '/x/1', '@type': 'Cart', name: 'n', secret: 's', relatedParty: [{ id: 'p', name: 'P', role: 'buyer' }] };
  it('keeps the selection plus id, href, @type; nested a.b keeps only b', () => {
    assert.deepEqual(selectFields(r, ['name', 'relatedParty.role']), { id: '1', href: '/x/1', '@type': 'Cart', name: 'n', relatedParty: [{ role: 'buyer' }] });
  });
  it('never writes through prototype keys, whoever calls it', () => {
    assert.deepEqual(selectFields(r, ['__proto__.polluted', 'constructor.prototype.x', 'name']), { id: '1', href: '/x/1', '@type': 'Cart', name: 'n' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  it('runner side: extra attributes beyond the selection are named', () => {
    assert.deepEqual(extraAttributes(r, ['name']), ['secret', 'relatedParty']);
    assert.deepEqual(extraAttributes({ id: '1', href: 'h', '@type': 'T', name: 'n' }, ['name']), []);
  });
});

describe('paging', () => {
  it('pages with 206 when partial (TMF630), 200 when complete, or 200 always if asked', () => {
    const all = [1, 2, 3, 4, 5];
    assert.deepEqual(pageOf(all, 1, 2), { items: [2, 3], total: 5, status: 206 });
    assert.deepEqual(pageOf(all, 0, undefined), { items: all, total: 5, status: 200 });
    assert.equal(pageOf(all, 0, 2, 200).status, 200);
    assert.deepEqual(pagingHeaders(5, 2), { 'X-Total-Count': '5', 'X-Result-Count': '2' });
  });
  it('accepts 200 and 206 for a partial page, each with an advisory; catches inconsistent headers', () => {
    const h = { 'x-total-count': '5', 'x-result-count': '2' };
    assert.deepEqual(checkPaging(206, h, 2, { limit: 2 }).problems, []);
    assert.equal(checkPaging(206, h, 2, { limit: 2 }).advisories.length, 1);
    assert.deepEqual(checkPaging(200, h, 2, { limit: 2 }).problems, []);
    assert.match(checkPaging(200, h, 2, { limit: 2 }).advisories[0]!, /206/);
    assert.match(checkPaging(200, { ...h, 'x-result-count': '3' }, 2, {}).problems[0]!, /X-Result-Count is 3/);
    assert.match(checkPaging(200, h, 3, { limit: 2 }).problems.join(), /limit=2/);
    assert.match(checkPaging(200, {}, 2, {}).problems[0]!, /missing/);
    assert.match(checkPaging(206, { 'x-total-count': '2', 'x-result-count': '2' }, 2, {}).problems[0]!, /206/);
  });
});

describe('patch', () => {
  const target = { id: '1', name: 'a', note: [{ text: 'x' }], validFor: { start: 's', end: 'e' } };
  it('merge patch: objects merge, null removes, arrays replace', () => {
    assert.deepEqual(applyPatch('merge', target, { name: 'b', validFor: { end: null }, note: [] }),
      { id: '1', name: 'b', note: [], validFor: { start: 's' } });
    assert.equal(target.name, 'a', 'target untouched');
  });
  it('json patch: applies RFC 6902 operations, rejects invalid ones', () => {
    assert.deepEqual(applyPatch('json-patch', target, [{ op: 'replace', path: '/name', value: 'c' }, { op: 'add', path: '/note/-', value: { text: 'y' } }]).note, [{ text: 'x' }, { text: 'y' }]);
    assert.throws(() => applyPatch('json-patch', target, [{ op: 'replace', path: '/missing/deep', value: 1 }]), PatchError);
    assert.throws(() => applyPatch('json-patch', target, { op: 'add' }), PatchError);
  });
  it('refuses __proto__ and constructor keys (no prototype pollution)', () => {
    assert.throws(() => applyPatch('merge', target, JSON.parse('{"__proto__":{"polluted":true}}')), PatchError);
    assert.throws(() => applyPatch('merge', target, { a: { constructor: { prototype: { polluted: true } } } }), PatchError);
    assert.throws(() => applyPatch('json-patch', target, [{ op: 'add', path: '/__proto__/polluted', value: true }]), PatchError);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  it('names the attributes a patch touches', () => {
    assert.deepEqual(touchedAttributes('merge', { name: 1, id: 2 }), ['name', 'id']);
    assert.deepEqual(touchedAttributes('json-patch', [{ op: 'replace', path: '/href', value: 'x' }, { op: 'move', from: '/a/0', path: '/b' }]), ['href', 'b', 'a']);
  });
});

describe('media types and errors', () => {
  it('JSON with or without charset is JSON; +json suffixes count', () => {
    for (const t of ['application/json', 'application/json;charset=utf-8', 'Application/JSON; charset=UTF-8', 'application/merge-patch+json']) assert.ok(isJsonMediaType(t), t);
    for (const t of [undefined, '', 'text/html', 'application/jsonx', 'text/json']) assert.ok(!isJsonMediaType(t), String(t));
    assert.equal(patchFlavour('application/merge-patch+json; charset=utf-8'), 'merge');
    assert.equal(patchFlavour('application/json-patch+json'), 'json-patch');
    assert.equal(patchFlavour('text/plain'), undefined);
    assert.equal(charsetAdvisory('application/json;charset=utf-8', 'application/json;charset=utf-8'), undefined);
    assert.match(charsetAdvisory('application/json', 'application/json;charset=utf-8')!, /RFC 8259/);
  });
  it('TMF Error bodies have code, reason, message, status and @type Error', () => {
    assert.deepEqual(tmfError(404, 'no cart 7'), { code: '404', reason: 'Not Found', message: 'no cart 7', status: '404', '@type': 'Error' });
    assert.deepEqual(errorShapeProblems(tmfError(400, 'x')), []);
    assert.deepEqual(errorShapeProblems({ error: 'nope' }), ['"code" is missing', '"reason" is missing']);
    assert.deepEqual(errorShapeProblems('text'), ['body is not a JSON object']);
  });
});
