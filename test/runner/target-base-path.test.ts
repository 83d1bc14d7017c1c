import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../src/core/results.js';
import { runConformance } from '../../src/composition.js';
import { startTmf663, type Fixture } from '../fixtures/targets/tmf663.js';
import { runCli } from '../helpers/cli.js';
import { listenLoopback } from '../helpers/loopback.js';

/**
 * `--target` is the server root, but a URL that already carries the API's base path is a common mistake:
 * the base path must never be appended twice (every case failed with 404, unexplained).
 */
describe('a --target that already ends with the base path', () => {
  let target: Fixture;
  let out: string;
  before(async () => {
    target = await startTmf663();
    out = await mkdtemp(join(tmpdir(), 'tmf-ctk-target-base-'));
  });
  after(async () => {
    await target.close();
    await rm(out, { recursive: true, force: true });
  });

  for (const suffix of ['/tmf-api/shoppingCart/v4', '/tmf-api/shoppingCart/v4/']) {
    it(`--target URL${suffix}: used as the base URL, with a note; every mandatory case passes`, async () => {
      const r = await runCli(['run', '--target', `${target.url}${suffix}`, '--api', 'TMF663', '--reporter', 'json', '--out', out]);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.err, /^note: the target \S+\/tmf-api\/shoppingCart\/v4 already ends with TMF663's base path \/tmf-api\/shoppingCart\/v4/m);
      const saved = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
      assert.equal(saved.apis[0]!.baseUrl, `${target.url}/tmf-api/shoppingCart/v4`);
      assert.equal(saved.apis[0]!.summary.mandatory.failed, 0);
    });
  }

  it('the server root: the base path is appended, no note', async () => {
    const r = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--reporter', 'json', '--out', out]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.doesNotMatch(r.err, /note:/);
  });
});

describe("a --target that ends with the config's base path", () => {
  const paths: string[] = [];
  let srv: { url: string; close(): Promise<void> };
  before(async () => {
    srv = await listenLoopback(createServer((req, res) => {
      paths.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"404","reason":"nope","@type":"Error"}'));
    }));
  });
  after(() => srv.close());

  for (const [label, suffix] of [['the root', ''], ['the base path', '/acme/cart/v4']] as const) {
    it(`target at ${label}: requests go under /acme/cart/v4 once`, async () => {
      paths.length = 0;
      const notes: string[] = [];
      const result = await runConformance({
        target: `${srv.url}${suffix}`, apis: ['TMF663'], cases: ['TC_ShoppingCart_N1'],
        config: { apis: { TMF663: { basePath: '/acme/cart/v4' } } }, onNotice: (m) => notes.push(m),
      });
      assert.equal(result.apis[0]!.baseUrl, `${srv.url}/acme/cart/v4`);
      assert.ok(paths.length > 0);
      for (const p of paths) assert.match(p, /^\/acme\/cart\/v4\/shoppingCart(?!.*acme)/, p);
      assert.equal(notes.length, suffix ? 1 : 0, notes.join());
      // Recorded in the result (results.json, the HTML report), not only printed.
      assert.deepEqual(result.apis[0]!.notes ?? [], notes);
      // The server's own error is quoted: "expected 201, got 404 — server said: nope".
      assert.match(result.apis[0]!.cases[0]!.reason ?? '', /expected 201, got 404 — server said: nope$/);
    });
  }
});
