import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { spawnCli, startCli, stop } from './cli-process.js';

/** `tmf-ctk mock` as a user runs it: flags, exit codes, signals, and the Prism engine with a real request. */
describe('tmf-ctk mock', () => {
  it('--help names every flag', async () => {
    const p = spawnCli(['mock', '--help']);
    assert.equal(await p.exit, 0);
    for (const flag of ['--port', '--host', '--api', '--all', '--data', '--no-seed', '--latency', '--fault-rate', '--allow-callback', '--paging-status', '--clock-ms', '--specs', '--engine']) {
      assert.ok(p.stdout().includes(flag), flag);
    }
  });

  it('usage errors exit 2 with a coded message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--fault-rate', '2'], /error \[USAGE\]: --fault-rate/],
      [['--api', 'TMF999'], /error \[UNKNOWN_API\]/],
      [['--paging-status', '201'], /error \[USAGE\]: --paging-status/],
      [['--engine', 'wiremock'], /error \[USAGE\]: --engine/],
      [['--engine', 'prism'], /error \[USAGE\]: --engine prism serves exactly one API/],
      [['--bogus'], /error \[USAGE\]/],
      [['--api', 'TMF663', '--all'], /error \[USAGE\]: --api and --all do not go together/],
      [['--engine', 'prism', '--api', 'TMF663', '--data', 'x.db'], /error \[USAGE\]: --data does not apply to --engine prism/],
    ];
    await Promise.all(cases.map(async ([args, message]) => {
      const p = spawnCli(['mock', ...args]);
      assert.equal(await p.exit, 2, args.join(' '));
      assert.match(p.stderr(), message);
    }));
  });

  it('a port in use is a usage error with a hint', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    try {
      const p = spawnCli(['mock', '--port', String((busy.address() as AddressInfo).port), '--api', 'TMF663']);
      assert.equal(await p.exit, 2);
      assert.match(p.stderr(), /is in use[\s\S]*--port 0/);
    } finally {
      busy.close();
    }
  });

  it('serves the selected APIs with the flags given; SIGINT stops it cleanly (exit 0)', async () => {
    const p = await startCli(['--port', '0', '--api', 'TMF663', '--api', 'TMF699', '--no-seed', '--paging-status', '200', '--clock-ms', '0', '--allow-callback', 'partner.test']);
    try {
      assert.match(p.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const index = (await (await fetch(`${p.url}/`)).json()) as { apis: Array<{ id: string }> };
      assert.deepEqual(index.apis.map((a) => a.id), ['TMF663', 'TMF699']);
      assert.deepEqual(await (await fetch(`${p.url}/tmf-api/sales/v4/salesLead`)).json(), []);
      for (const name of ['a', 'b']) {
        await fetch(`${p.url}/tmf-api/sales/v4/salesLead`, { method: 'POST', body: JSON.stringify({ name }), headers: { 'content-type': 'application/json' } });
      }
      assert.equal((await fetch(`${p.url}/tmf-api/sales/v4/salesLead?limit=1`)).status, 200);
      const hub = await fetch(`${p.url}/tmf-api/sales/v4/hub`, { method: 'POST', body: JSON.stringify({ callback: 'http://partner.test/listener' }), headers: { 'content-type': 'application/json' } });
      assert.equal(hub.status, 201);
    } finally {
      assert.equal(await stop(p, 'SIGINT'), 0);
    }
    assert.match(p.stderr(), /SIGINT: stopping/);
  });

  it('--engine prism serves Prism\'s example mock under the published base path; SIGTERM stops it and its temp copy', async () => {
    const temps = () => readdirSync(tmpdir()).filter((f) => f.startsWith('tmf-ctk-prism-'));
    const before = new Set(temps());
    const p = await startCli(['--engine', 'prism', '--api', 'TMF663', '--port', '0'], 60_000);
    try {
      const res = await fetch(`${p.url}/tmf-api/shoppingCart/v4/shoppingCart/42`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      const body = (await res.json()) as Record<string, unknown>;
      assert.ok('cartItem' in body, 'an example ShoppingCart');
    } finally {
      assert.equal(await stop(p, 'SIGTERM'), 0);
    }
    assert.deepEqual(temps().filter((f) => !before.has(f)), [], 'temporary document removed');
  });
});
