import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';
import { APIS, assertError, call, createPayload, patchAttribute, properties, serverOwnedAttribute, testServer } from './helpers.js';

/**
 * TMF630 behaviour every resource gets, generated from the operation model: every resource of the
 * five APIs, through fastify's inject. The server checks each of its responses against the spec;
 * the last test asserts it never answered outside it.
 */
const server = testServer();
const ORIGIN = 'http://localhost:80';
after(() => server.close());

for (const id of APIS) {
  const api = loadApi(id);
  const schemas = schemasFor(api);
  for (const res of api.resources) {
    const base = `${api.basePath}${res.collectionPath}`;
    describe(`${id} ${res.name}`, () => {
      let created: Record<string, unknown>;
      let second: Record<string, unknown>;

      it('POST → 201 with server id, absolute href, Location, @type defaulted; valid against the entity', async () => {
        const a = await call(server, 'POST', base, createPayload(api, res));
        assert.equal(a.status, 201, a.text);
        created = a.json as Record<string, unknown>;
        assert.equal(typeof created.id, 'string');
        assert.equal(created.href, `${ORIGIN}${base}/${created.id as string}`);
        assert.equal(a.headers.location, created.href);
        assert.equal(created['@type'], res.schemaName);
        assert.match(String(a.headers['content-type']), /^application\/json;charset=utf-8$/);
        assert.deepEqual(schemas.validate(res.schemaName, created).errors, []);
        second = (await call(server, 'POST', base, { ...createPayload(api, res), '@type': res.schemaName })).json as Record<string, unknown>;
      });

      it('POST invalid (wrong type, missing required, not an object) → 400 TMF Error', async () => {
        const payload = createPayload(api, res);
        const stringProp = Object.entries(properties(api, res.createSchemaName)).find(([, s]) => s.type === 'string')?.[0];
        if (stringProp) assertError(await call(server, 'POST', base, { ...payload, [stringProp]: 42 }), 400, 'INVALID_BODY', api);
        const required = res.createRequired[0];
        if (required) {
          const { [required]: _gone, ...missing } = payload;
          assertError(await call(server, 'POST', base, missing), 400, 'INVALID_BODY', api);
        }
        assertError(await call(server, 'POST', base, [payload]), 400, 'INVALID_BODY', api);
      });

      it('GET item → 200 the stored resource; unknown id → 404', async () => {
        const a = await call(server, 'GET', `${base}/${created.id as string}`);
        assert.equal(a.status, 200);
        assert.deepEqual(a.json, created);
        assertError(await call(server, 'GET', `${base}/no-such-id`), 404, 'NOT_FOUND', api);
      });

      it('GET list → X-Total-Count, X-Result-Count; offset/limit page is 206', async () => {
        const all = await call(server, 'GET', base);
        const items = all.json as Array<Record<string, unknown>>;
        assert.equal(all.status, 200);
        assert.equal(all.headers['x-total-count'], String(items.length));
        assert.equal(all.headers['x-result-count'], String(items.length));
        assert.ok(items.some((i) => i.id === created.id));
        const page = await call(server, 'GET', `${base}?offset=1&limit=1`);
        assert.equal(page.status, 206);
        assert.deepEqual(page.json, [items[1]]);
        assert.equal(page.headers['x-total-count'], String(items.length));
        assert.equal(page.headers['x-result-count'], '1');
        const whole = await call(server, 'GET', `${base}?limit=${items.length}`);
        assert.equal(whole.status, 200);
      });

      it('fields= keeps the selection plus id, href, @type', async () => {
        const a = await call(server, 'GET', `${base}?fields=${patchAttribute(api, res)}`);
        assert.ok([200, 206].includes(a.status));
        for (const item of a.json as Array<Record<string, unknown>>) {
          for (const k of Object.keys(item)) assert.ok([patchAttribute(api, res), 'id', 'href', '@type'].includes(k), k);
          assert.ok(item.id && item.href);
        }
        const one = await call(server, 'GET', `${base}/${created.id as string}?fields=id`);
        assert.deepEqual(Object.keys(one.json as object).sort(), ['@type', 'href', 'id']);
      });

      it('filters: attr=value, comma = OR, .ne; sort asc/desc; unknown parameters are filters, never a crash', async () => {
        const ids = [created.id, second.id] as string[];
        const eq = await call(server, 'GET', `${base}?id=${ids[0]}`);
        assert.deepEqual((eq.json as Array<{ id: string }>).map((i) => i.id), [ids[0]]);
        const or = await call(server, 'GET', `${base}?id=${ids.join(',')}&sort=id`);
        assert.deepEqual((or.json as Array<{ id: string }>).map((i) => i.id), [...ids].sort());
        const desc = await call(server, 'GET', `${base}?id=${ids.join(',')}&sort=-id`);
        assert.deepEqual((desc.json as Array<{ id: string }>).map((i) => i.id), [...ids].sort().reverse());
        const total = Number((await call(server, 'GET', base)).headers['x-total-count']);
        const ne = await call(server, 'GET', `${base}?id.ne=${ids[0]}`);
        assert.equal((ne.json as unknown[]).length, total - 1);
        // href is computed on the way out, not stored: TM Forum's TMF663 kit searches by the href it was given.
        const byHref = await call(server, 'GET', `${base}?href=${encodeURIComponent(created.href as string)}`);
        assert.deepEqual((byHref.json as Array<{ id: string }>).map((i) => i.id), [ids[0]]);
        assert.equal(byHref.headers['x-total-count'], '1');
        const hrefs = await call(server, 'GET', `${base}?href=${encodeURIComponent(`${created.href as string},${second.href as string}`)}&fields=href`);
        assert.deepEqual((hrefs.json as Array<{ href: string }>).map((i) => i.href).sort(), [created.href, second.href].sort());
        const otherHref = await call(server, 'GET', `${base}?href=${encodeURIComponent(`${created.href as string}x`)}`);
        assert.deepEqual(otherHref.json, []);
        const unknown = await call(server, 'GET', `${base}?noSuchAttribute=1&_=123`);
        assert.equal(unknown.status, 200);
        assert.deepEqual(unknown.json, []);
      });

      if (res.operations.patch) {
        it('PATCH merge-patch, application/json and JSON Patch → 200 with the whole resource', async () => {
          const attr = patchAttribute(api, res);
          const url = `${base}/${created.id as string}`;
          const merge = await call(server, 'PATCH', url, { [attr]: 'patched by merge' }, 'application/merge-patch+json');
          assert.equal(merge.status, 200, merge.text);
          assert.equal((merge.json as Record<string, unknown>)[attr], 'patched by merge');
          assert.equal((merge.json as Record<string, unknown>).href, created.href);
          const plain = await call(server, 'PATCH', url, { [attr]: 'patched as json' }, 'application/json;charset=utf-8');
          assert.equal((plain.json as Record<string, unknown>)[attr], 'patched as json');
          const jp = await call(server, 'PATCH', url, [{ op: 'replace', path: `/${attr}`, value: 'patched by json patch' }], 'application/json-patch+json');
          assert.equal(jp.status, 200, jp.text);
          assert.equal(((await call(server, 'GET', url)).json as Record<string, unknown>)[attr], 'patched by json patch');
        });

        it('PATCH id, href, attributes outside the Update schema, wrong types → 400; other media types → 415; unknown id → 404', async () => {
          const url = `${base}/${created.id as string}`;
          const mp = 'application/merge-patch+json';
          assertError(await call(server, 'PATCH', url, { id: 'x' }, mp), 400, 'NOT_PATCHABLE', api);
          assertError(await call(server, 'PATCH', url, { href: 'x' }, mp), 400, 'NOT_PATCHABLE', api);
          assertError(await call(server, 'PATCH', url, { noSuchAttribute: 1 }, mp), 400, 'NOT_PATCHABLE', api);
          const owned = serverOwnedAttribute(api, res);
          if (owned) assertError(await call(server, 'PATCH', url, { [owned]: 'x' }, mp), 400, 'NOT_PATCHABLE', api);
          assertError(await call(server, 'PATCH', url, { [patchAttribute(api, res)]: 12345 }, mp), 400, 'INVALID_BODY', api);
          assertError(await call(server, 'PATCH', url, [{ op: 'replace', path: '/id', value: 'x' }], 'application/json-patch+json'), 400, 'NOT_PATCHABLE', api);
          assertError(await call(server, 'PATCH', url, 'name=x', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', api);
          assertError(await call(server, 'PATCH', url, '<x/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE', api);
          assertError(await call(server, 'PATCH', `${base}/no-such-id`, { [patchAttribute(api, res)]: 'x' }, mp), 404, 'NOT_FOUND', api);
        });
      } else {
        it('PATCH is not an operation of this resource → 405 with Allow', async () => {
          const a = await call(server, 'PATCH', `${base}/${created.id as string}`, {}, 'application/merge-patch+json');
          assertError(a, 405, 'METHOD_NOT_ALLOWED', api);
          assert.match(String(a.headers.allow), /GET/);
        });
      }

      it('PUT (not in the document) → 405 with Allow', async () => {
        const a = await call(server, 'PUT', `${base}/${created.id as string}`, createPayload(api, res));
        assertError(a, 405, 'METHOD_NOT_ALLOWED', api);
        assert.ok(String(a.headers.allow).split(', ').includes('GET'));
      });

      if (res.operations.delete) {
        it('DELETE → 204; then GET → 404 and DELETE → 404', async () => {
          const url = `${base}/${created.id as string}`;
          const a = await call(server, 'DELETE', url);
          assert.equal(a.status, 204);
          assert.equal(a.text, '');
          assertError(await call(server, 'GET', url), 404, 'NOT_FOUND', api);
          assertError(await call(server, 'DELETE', url), 404, 'NOT_FOUND', api);
        });
      }
    });
  }
}

describe('every response of these tests', () => {
  it('validated against the spec (the Error schema for errors)', () => {
    assert.deepEqual(server.violations, []);
  });
});
