import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { MockServer } from '../../src/mock/server.js';
import type { MockServerOptions } from '../../src/mock/options.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenLoopback } from '../helpers/loopback.js';
import { spawnCli } from './cli-process.js';
import { testPostgres } from '../helpers/postgres.js';
import { assertError, call, eventually, testServer, type Answer } from './helpers.js';

/**
 * Tenants by credential: each tenant is its own sandbox. Two tenants do the same things at the same
 * time, and neither can read, change, list, count, page through or hear about the other's data, nor
 * reach it by guessing ids. Run on the memory store and on PostgreSQL.
 */
const { pg, skipReason } = await testPostgres();
after(() => pg?.stop());

const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';
const HUB = '/tmf-api/shoppingCart/v4/hub';
const ALPHA = 'alpha-secret-token-1';
const BETA = 'beta-secret-token-22';
const TENANTS = { tenants: { alpha: { tokens: [ALPHA] }, beta: { tokens: [`sha256:${createHash('sha256').update(BETA).digest('hex')}`] } } };
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const cart = (party: string) => ({ cartItem: [{ id: '1', action: 'add', quantity: 1 }], relatedParty: [{ id: party, role: 'buyer', '@referredType': 'Individual' }] });

/** Two tenants create, filter, page, select fields and guess each other's ids at the same time: each sees only its own. */
async function sameOperationsInParallel(s: MockServer, first: Record<string, string>, second: Record<string, string>): Promise<void> {
  const get = (h: Record<string, string>, url: string) => call(s, 'GET', url, undefined, undefined, h);
  const made = await Promise.all([first, second].flatMap((h) => Array.from({ length: 6 }, () => call(s, 'POST', CARTS, cart('shared-party'), 'application/json', h))));
  assert.ok(made.every((m) => m.status === 201));
  const ids = [made.slice(0, 6), made.slice(6)].map((ms) => ms.map((m) => (m.json as { id: string }).id));
  const tenants = [first, second];
  for (const [me, other] of [[0, 1], [1, 0]] as const) {
    const h = tenants[me]!;
    const [filtered, page, all] = await Promise.all([get(h, `${CARTS}?relatedParty.id=shared-party`),
      get(h, `${CARTS}?relatedParty.id=shared-party&fields=relatedParty&limit=2&offset=1`), get(h, CARTS)]);
    assert.deepEqual((filtered.json as Array<{ id: string }>).map((c) => c.id).sort(), [...ids[me]!].sort());
    assert.equal(filtered.headers['x-total-count'], '6');
    assert.equal(page.headers['x-total-count'], '6');
    assert.equal((page.json as unknown[]).length, 2);
    assert.ok((all.json as Array<{ id: string }>).every((c) => !ids[other]!.includes(c.id)));
    for (const guessed of ids[other]!.slice(0, 2)) {
      assertError(await get(h, `${CARTS}/${guessed}`), 404, 'NOT_FOUND');
      const byId = await get(h, `${CARTS}?id=${guessed}&fields=id`);
      assert.deepEqual([byId.json, byId.headers['x-total-count']], [[], '0'], 'a filter on a guessed id finds nothing, and counts nothing');
      assertError(await call(s, 'PATCH', `${CARTS}/${guessed}`, { relatedParty: [] }, 'application/merge-patch+json', h), 404);
      assertError(await call(s, 'DELETE', `${CARTS}/${guessed}`, undefined, undefined, h), 404);
    }
  }
  assert.equal((await get(second, `${CARTS}/${ids[1]![0]!}`)).status, 200, 'the other tenant\'s attempts changed nothing');
}

function isolation(name: string, options: () => Promise<MockServerOptions>, skip?: string): void {
  describe(`tenant isolation by token: ${name}`, { skip }, () => {
    let s: MockServer;
    const logs: string[] = [];
    before(async () => {
      s = testServer({ apis: ['TMF663'], tenants: TENANTS, allowReset: true, log: (l) => logs.push(l), ...(await options()) });
    });
    after(() => s?.close());
    const get = (token: string, url: string) => call(s, 'GET', url, undefined, undefined, as(token));

    it('no token, an unknown token and a malformed header get the same 401 TMF Error with WWW-Authenticate', async () => {
      const answers: Answer[] = [
        await call(s, 'GET', CARTS),
        await call(s, 'GET', CARTS, undefined, undefined, as('not-a-known-token')),
        await call(s, 'GET', CARTS, undefined, undefined, { authorization: `Basic ${ALPHA}` }),
        await call(s, 'POST', HUB, { callback: 'http://127.0.0.1:9/x' }, 'application/json', as(`${ALPHA}x`)),
      ];
      for (const a of answers) {
        assertError(a, 401, 'UNAUTHORIZED');
        assert.match(String(a.headers['www-authenticate']), /^Bearer /);
        assert.equal(a.text, answers[0]!.text);
        assert.doesNotMatch(a.text, /alpha|beta|secret/);
      }
    });

    it('the same operations in parallel: lists, filters, counts, fields, paging and ids stay within each tenant', () =>
      sameOperationsInParallel(s, as(ALPHA), as(BETA)));

    it('each tenant has its own seed: a delete by one leaves the other\'s copy', async () => {
      assert.equal((await get(ALPHA, `${CARTS}/sc-1001`)).status, 200);
      assert.equal((await call(s, 'DELETE', `${CARTS}/sc-1001`, undefined, undefined, as(ALPHA))).status, 204);
      assert.equal((await get(ALPHA, `${CARTS}/sc-1001`)).status, 404);
      assert.equal((await get(BETA, `${CARTS}/sc-1001`)).status, 200);
    });

    it('subscriptions and events stay within the tenant; another tenant\'s subscription id is a 404', async () => {
      const heard: Record<string, string[]> = { alpha: [], beta: [] };
      const srv = createServer((req, res) => {
        let text = '';
        req.on('data', (c: Buffer) => (text += c.toString()));
        req.on('end', () => {
          heard[req.url!.slice(1)]!.push((JSON.parse(text) as { event: { shoppingCart: { id: string } } }).event.shoppingCart.id);
          res.writeHead(201).end();
        });
      });
      const hook = await listenLoopback(srv);
      try {
        const subA = await call(s, 'POST', HUB, { callback: `${hook.url}/alpha`, query: 'eventType=ShoppingCartCreateEvent' }, 'application/json', as(ALPHA));
        const subB = await call(s, 'POST', HUB, { callback: `${hook.url}/beta`, query: 'eventType=ShoppingCartCreateEvent' }, 'application/json', as(BETA));
        assert.equal(subA.status, 201);
        const made = await Promise.all([ALPHA, BETA, ALPHA, BETA].map((t) => call(s, 'POST', CARTS, cart('p'), 'application/json', as(t))));
        const id = (i: number) => (made[i]!.json as { id: string }).id;
        await eventually(() => heard.alpha!.length >= 2 && heard.beta!.length >= 2, 10_000, 'two events per tenant');
        await new Promise((r) => setTimeout(r, 300));
        assert.deepEqual(heard.alpha!.sort(), [id(0), id(2)].sort());
        assert.deepEqual(heard.beta!.sort(), [id(1), id(3)].sort());
        assertError(await call(s, 'DELETE', `${HUB}/${(subB.json as { id: string }).id}`, undefined, undefined, as(ALPHA)), 404);
        assert.equal((await call(s, 'DELETE', `${HUB}/${(subB.json as { id: string }).id}`, undefined, undefined, as(BETA))).status, 204);
      } finally {
        await hook.close();
      }
    });

    it('POST /__tmf-ctk/reset restores the caller\'s seed only; without a token it is a 401', async () => {
      assertError(await call(s, 'POST', '/__tmf-ctk/reset'), 401, 'UNAUTHORIZED');
      const betaBefore = ((await get(BETA, CARTS)).json as unknown[]).length;
      const reset = await call(s, 'POST', '/__tmf-ctk/reset', undefined, undefined, as(ALPHA));
      assert.equal(reset.status, 200);
      const alpha = (await get(ALPHA, CARTS)).json as Array<{ id: string }>;
      assert.ok(alpha.some((c) => c.id === 'sc-1001'), 'the deleted seed record is back');
      assert.ok(alpha.every((c) => c.id.startsWith('sc-')), 'only seed records');
      assert.equal(((await get(BETA, CARTS)).json as unknown[]).length, betaBefore, 'the other tenant is untouched');
    });

    it('no token appears in the log', () => {
      assert.ok(logs.every((l) => !l.includes(ALPHA) && !l.includes(BETA)), logs.join('\n'));
    });
  });
}

isolation('memory store', async () => ({}));
isolation('PostgreSQL', async () => ({ dataFile: await pg!.database() }), skipReason);

describe('tenant isolation by header: PostgreSQL', { skip: skipReason }, () => {
  let s: MockServer;
  before(async () => {
    s = testServer({ apis: ['TMF663'], tenantHeader: 'X-Partner-Id', dataFile: await pg!.database() });
  });
  after(() => s?.close());

  it('the same operations in parallel: lists, filters, counts, fields, paging and ids stay within each tenant', () =>
    sameOperationsInParallel(s, { 'x-partner-id': 'p-one' }, { 'x-partner-id': 'p-two' }));
});

describe('tmf-ctk mock --tenants FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-tenants-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a file that is not JSON, or a token too short, is a usage error that never echoes the file', async () => {
    writeFileSync(join(dir, 'bad.json'), `{"tenants": {"alpha": {"tokens": ["${ALPHA}"]}`);
    writeFileSync(join(dir, 'short.json'), JSON.stringify({ tenants: { alpha: { tokens: ['abc'] } } }));
    for (const file of ['bad.json', 'short.json']) {
      const p = spawnCli(['mock', '--port', '0', '--api', 'TMF663', '--tenants', join(dir, file)]);
      assert.equal(await p.exit, 2);
      assert.match(p.stderr(), /error \[CONFIG_INVALID\]/);
      assert.doesNotMatch(p.stderr() + p.stdout(), new RegExp(`${ALPHA}|"abc"`));
    }
  });
});

describe('tenant by header (--tenant-header), reset off by default', () => {
  let s: MockServer;
  before(() => {
    s = testServer({ apis: ['TMF663'], tenantHeader: 'X-Partner-Id' });
  });
  after(() => s.close());
  const by = (partner: string) => ({ 'x-partner-id': partner });

  it('a missing or unusable header is a 401; each value is its own sandbox', async () => {
    assertError(await call(s, 'GET', CARTS), 401, 'UNAUTHORIZED');
    assertError(await call(s, 'GET', CARTS, undefined, undefined, by('../etc')), 401, 'UNAUTHORIZED');
    const [x, y] = await Promise.all(['p-one', 'p-two'].map((p) => call(s, 'POST', CARTS, cart('q'), 'application/json', by(p))));
    const idX = (x!.json as { id: string }).id;
    assert.equal((await call(s, 'GET', `${CARTS}/${idX}`, undefined, undefined, by('p-one'))).status, 200);
    assertError(await call(s, 'GET', `${CARTS}/${idX}`, undefined, undefined, by('p-two')), 404);
    const listTwo = (await call(s, 'GET', `${CARTS}?relatedParty.id=q`, undefined, undefined, by('p-two'))).json as Array<{ id: string }>;
    assert.deepEqual(listTwo.map((c) => c.id), [(y!.json as { id: string }).id]);
  });

  it('reset is not served without --allow-reset', async () => {
    assert.equal((await call(s, 'POST', '/__tmf-ctk/reset', undefined, undefined, by('p-one'))).status, 404);
  });

  it('warns at start when the host is not loopback', async () => {
    const logs: string[] = [];
    const open = testServer({ apis: ['TMF663'], tenantHeader: 'X-Partner-Id', host: '0.0.0.0', log: (l) => logs.push(l) });
    await open.close();
    assert.ok(logs.some((l) => /warning: --tenant-header X-Partner-Id on 0\.0\.0\.0/.test(l)), logs.join('\n'));
    const quiet: string[] = [];
    await testServer({ apis: ['TMF663'], tenantHeader: 'X-Partner-Id', log: (l) => quiet.push(l) }).close();
    assert.deepEqual(quiet.filter((l) => /warning/.test(l)), []);
  });
});
