import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { call, eventually, testServer } from './helpers.js';
import { spawnCli, startCli, stop } from './cli-process.js';

/** `--data FILE`: a restart loses nothing, even after kill -9; deleted seed data stays deleted. */
const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-data-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';

describe('persistence across a restart', () => {
  it('creates, patches, deletes and subscriptions survive; seeds are not re-added; order is kept', async () => {
    const dataFile = join(dir, 'restart.db');
    const first = testServer({ apis: ['TMF663'], dataFile });
    const created = (await call(first, 'POST', CARTS, { cartItem: [{ id: '1', quantity: 1 }] })).json as { id: string };
    await call(first, 'PATCH', `${CARTS}/${created.id}`, { cartItem: [{ id: '1', quantity: 9 }] }, 'application/merge-patch+json');
    assert.equal((await call(first, 'DELETE', `${CARTS}/sc-1002`)).status, 204);
    const sub = (await call(first, 'POST', '/tmf-api/shoppingCart/v4/hub', { callback: 'http://127.0.0.1:9/x' })).json as { id: string };
    const before = (await call(first, 'GET', CARTS)).json as Array<{ id: string }>;
    await first.close();

    const second = testServer({ apis: ['TMF663'], dataFile });
    try {
      const cart = (await call(second, 'GET', `${CARTS}/${created.id}`)).json as { cartItem: Array<{ quantity: number }> };
      assert.equal(cart.cartItem[0]!.quantity, 9);
      assert.equal((await call(second, 'GET', `${CARTS}/sc-1002`)).status, 404);
      const list = (await call(second, 'GET', CARTS)).json as Array<{ id: string }>;
      assert.deepEqual(list.map((c) => c.id), before.map((c) => c.id));
      assert.equal((await call(second, 'DELETE', `/tmf-api/shoppingCart/v4/hub/${sub.id}`)).status, 204);
    } finally {
      await second.close();
    }
  });

  it('product order clocks resume after a restart', async () => {
    const dataFile = join(dir, 'clock.db');
    const orders = '/tmf-api/productOrderingManagement/v4/productOrder';
    const first = testServer({ apis: ['TMF622'], dataFile, clockMs: 0 });
    const order = (await call(first, 'POST', orders, { productOrderItem: [{ id: '1', action: 'add' }] })).json as { id: string; state: string };
    assert.equal(order.state, 'acknowledged');
    await first.close();
    const second = testServer({ apis: ['TMF622'], dataFile, clockMs: 10 });
    try {
      await eventually(async () => (await second.store.get('TMF622/productOrder', order.id))?.state === 'completed', 3000, 'the order to complete');
    } finally {
      await second.close();
    }
  });

  it('a second mock on the same file is refused while the first runs', async () => {
    const dataFile = join(dir, 'locked.db');
    const first = testServer({ apis: ['TMF663'], dataFile });
    try {
      assert.throws(() => testServer({ apis: ['TMF663'], dataFile }), /another mock server is using this file|locked/);
    } finally {
      await first.close();
    }
  });

  it('a data file in a folder that does not exist: INPUT_READ whose hint names the folder', () => {
    const missing = join(dir, 'no-such-folder', 'x.db');
    assert.throws(() => testServer({ apis: ['TMF663'], dataFile: missing }),
      (e: Error & { code?: string; hint?: string }) => e.code === 'INPUT_READ' && /no-such-folder does not exist: create it first/.test(e.hint ?? ''));
  });
});

describe('kill -9 (the CLI in its own process)', () => {
  it('every acknowledged write is still there after kill -9 and a restart', async () => {
    const dataFile = join(dir, 'kill9.db');
    const first = await startCli(['--port', '0', '--api', 'TMF663', '--data', dataFile]);
    const acknowledged: string[] = [];
    try {
      await Promise.all(Array.from({ length: 40 }, async (_, i) => {
        const res = await fetch(`${first.url}${CARTS}`, { method: 'POST', body: JSON.stringify({ cartItem: [{ id: '1', quantity: i + 1 }] }), headers: { 'content-type': 'application/json' } });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
      }));
    } finally {
      assert.equal(await stop(first, 'SIGKILL'), 'SIGKILL');
    }
    assert.equal(acknowledged.length, 40);
    const second = await startCli(['--port', '0', '--api', 'TMF663', '--data', dataFile]);
    try {
      for (const id of acknowledged) assert.equal((await fetch(`${second.url}${CARTS}/${id}`)).status, 200, id);
      const busy = spawnCli(['mock', '--port', '0', '--api', 'TMF663', '--data', dataFile]);
      assert.equal(await busy.exit, 2, 'a second mock on the file is a usage error');
      assert.match(busy.stderr(), /another mock server is using this file/);
    } finally {
      assert.equal(await stop(second, 'SIGTERM'), 0, 'SIGTERM stops cleanly');
    }
  });
});
