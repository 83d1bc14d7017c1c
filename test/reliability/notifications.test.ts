import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import type { MockServerOptions } from '../../src/mock/options.js';
import { closedPort, http, listener, percentile, type Listener } from './helpers.js';

/**
 * Hub callbacks that are down (connection refused) or hang (no answer for 5 s and more) must not slow
 * the mock's API: p95 latency of creates and reads with failing deliveries against the same without
 * subscribers. Retries are bounded, and deleting a subscription stops its deliveries, queued or retrying.
 */
const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';
const HUB = '/tmf-api/shoppingCart/v4/hub';
const SUBSCRIBERS = 5;
const WORKERS = 10;
const ROUNDS = 20;

const cleanup: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function startMock(o: MockServerOptions = {}): Promise<{ mock: MockServer; base: string }> {
  const mock = createMockServer({ apis: ['TMF663'], seed: false, clockMs: 0, log: () => undefined, ...o });
  cleanup.push(() => mock.close());
  return { mock, base: await mock.listen() };
}

async function startListener(mode: Listener['mode']): Promise<Listener> {
  const l = await listener(mode);
  cleanup.push(() => l.close());
  return l;
}

async function subscribe(base: string, callback: string): Promise<string> {
  const r = await http(`${base}${HUB}`, 'POST', { callback });
  assert.equal(r.status, 201, r.text);
  return (r.json as { id: string }).id;
}

/** WORKERS clients each create and read ROUNDS carts; the latency of every call. */
async function apiLatencies(base: string): Promise<number[]> {
  const ms: number[] = [];
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const c = await http(`${base}${CARTS}`, 'POST', { cartItem: [{ id: '1', quantity: i + 1 }] });
      assert.equal(c.status, 201);
      const g = await http(`${base}${CARTS}/${(c.json as { id: string }).id}`);
      assert.equal(g.status, 200);
      ms.push(c.ms, g.ms);
    }
  }));
  return ms;
}

const figures: string[] = [];
const p95 = (xs: number[]) => percentile(xs, 95);

describe('failing callbacks do not slow the API', () => {
  let baseline = 0;

  it('baseline: no subscriber', async () => {
    const { base } = await startMock();
    await apiLatencies(base); // warm-up: compiled validators, sockets
    baseline = p95(await apiLatencies(base));
    figures.push(`no subscriber p95 ${baseline.toFixed(1)} ms`);
  });

  it(`${SUBSCRIBERS} callbacks refusing connections: p95 within bounds; every delivery tried 1 + 3 times, then given up`, async () => {
    const { mock, base } = await startMock({ delivery: { backoffMs: 20 } });
    await apiLatencies(base);
    const port = await closedPort();
    for (let i = 0; i < SUBSCRIBERS; i++) await subscribe(base, `http://127.0.0.1:${port}/down/${i}`);
    const loaded = p95(await apiLatencies(base));
    figures.push(`callbacks down p95 ${loaded.toFixed(1)} ms`);
    assert.ok(loaded <= Math.max(5 * baseline, baseline + 100), `p95 ${loaded.toFixed(1)} ms against ${baseline.toFixed(1)} ms`);
    await mock.notifications.idle();
    const s = mock.notifications.stats();
    const deliveries = WORKERS * ROUNDS * SUBSCRIBERS;
    assert.deepEqual({ failed: s.failed, retried: s.retried, delivered: s.delivered }, { failed: deliveries, retried: 3 * deliveries, delivered: 0 });
  });

  it(`${SUBSCRIBERS} callbacks that never answer: p95 within bounds while deliveries hang`, async () => {
    const l = await startListener('stall');
    const { mock, base } = await startMock();
    await apiLatencies(base);
    for (let i = 0; i < SUBSCRIBERS; i++) await subscribe(base, `${l.url}/slow/${i}`);
    const loaded = p95(await apiLatencies(base));
    figures.push(`callbacks hanging p95 ${loaded.toFixed(1)} ms (${mock.notifications.stats().inFlight} deliveries in flight, ${mock.notifications.stats().queued} queued)`);
    assert.ok(mock.notifications.stats().inFlight > 0, 'deliveries were hanging during the measurement');
    assert.ok(loaded <= Math.max(5 * baseline, baseline + 100), `p95 ${loaded.toFixed(1)} ms against ${baseline.toFixed(1)} ms`);
  });

  after(() => process.stdout.write(`# notifications: ${figures.join('; ')}\n`));
});

describe('bounded retries and unsubscribe', () => {
  it('a callback that times out gets exactly 1 + retries attempts per event', async () => {
    const l = await startListener('stall');
    const { mock, base } = await startMock({ delivery: { timeoutMs: 150, retries: 2, backoffMs: 10 } });
    await subscribe(base, `${l.url}/timeout`);
    for (let i = 0; i < 4; i++) assert.equal((await http(`${base}${CARTS}`, 'POST', {})).status, 201);
    await mock.notifications.idle();
    assert.equal(l.hits, 4 * 3);
    assert.equal(mock.notifications.stats().failed, 4);
  });

  it('deleting a subscription stops its pending retries', async () => {
    const l = await startListener('fail');
    const { mock, base } = await startMock({ delivery: { retries: 3, backoffMs: 300 } });
    const sub = await subscribe(base, `${l.url}/gone`);
    for (let i = 0; i < 20; i++) assert.equal((await http(`${base}${CARTS}`, 'POST', {})).status, 201);
    const inFlight = mock.notifications.stats().inFlight;
    assert.equal((await http(`${base}${HUB}/${sub}`, 'DELETE')).status, 204);
    const hitsAtDelete = l.hits;
    await mock.notifications.idle();
    assert.ok(l.hits <= hitsAtDelete + inFlight, `${l.hits} attempts: ${hitsAtDelete} before the delete, ${inFlight} in flight then; no retry after`);
    const before = l.hits;
    for (let i = 0; i < 5; i++) await http(`${base}${CARTS}`, 'POST', {});
    await mock.notifications.idle();
    assert.equal(l.hits, before, 'no event after the delete');
  });

  it('deleting a subscription drops its queued deliveries', async () => {
    const l = await startListener('stall');
    const { mock, base } = await startMock({ delivery: { timeoutMs: 1000, retries: 3, backoffMs: 10, concurrency: 4 } });
    const sub = await subscribe(base, `${l.url}/queued`);
    for (let i = 0; i < 20; i++) assert.equal((await http(`${base}${CARTS}`, 'POST', {})).status, 201);
    const { inFlight, queued } = mock.notifications.stats();
    assert.equal(inFlight, 4);
    assert.equal(queued, 16);
    assert.equal((await http(`${base}${HUB}/${sub}`, 'DELETE')).status, 204);
    await mock.notifications.idle();
    assert.equal(l.hits, 4, 'only the four attempts already in flight reached the callback');
  });
});
