import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnCli, startCli, stop } from '../mock/cli-process.js';
import { runCli } from '../helpers/cli.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { createMockServer } from '../../src/composition.js';
import { CART, send, validCart } from './helpers.js';

async function startProxy(args: string[]): Promise<ReturnType<typeof spawnCli> & { url: string }> {
  const p = spawnCli(['proxy', '--port', '0', ...args]);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`proxy did not listen: ${p.stderr()}`)), 30_000);
    p.child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(p.stdout());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void p.exit.then((code) => reject(new Error(`exited ${code}: ${p.stderr()}`)));
  });
  return { ...p, url };
}

describe('tmf-ctk proxy (CLI)', () => {
  it('SIGINT writes every report; a violation makes exit 1; --record then mock --seed serves what was seen', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tmf-proxy-'));
    const mock = await startCli(['--port', '0', '--api', 'TMF663', '--no-seed']);
    const proxy = await startProxy(['--upstream', mock.url, '--api', 'TMF663', '--out', out, '--record', join(out, 'seen.json'), '--header', 'Authorization: Bearer s3cret']);
    let seeded: Awaited<ReturnType<typeof startCli>> | undefined;
    try {
      const created = JSON.parse((await send(proxy.url, 'POST', CART, validCart)).body) as { id: string };
      await send(proxy.url, 'POST', CART, JSON.stringify({ cartItem: [{ quantity: 'x' }] }));
      assert.equal(await stop(proxy, 'SIGINT'), 1);
      for (const f of ['results.json', 'junit.xml', 'seen.json']) assert.ok(existsSync(join(out, f)), f);
      assert.ok(readFileSync(join(out, 'junit.xml'), 'utf8').includes('TRAFFIC_createShoppingCart'));
      assert.ok(readdirSync(out).some((f) => f.endsWith('.html')), `an HTML report in ${readdirSync(out).join(', ')}`);
      const results = readFileSync(join(out, 'results.json'), 'utf8');
      assert.doesNotMatch(results, /s3cret/, 'credentials redacted');
      assert.match(proxy.stdout(), /request-schema/);
      seeded = await startCli(['--port', '0', '--api', 'TMF663', '--seed', join(out, 'seen.json')]);
      const list = JSON.parse((await send(seeded.url, 'GET', CART)).body) as Array<{ id: string }>;
      assert.deepEqual(list.map((c) => c.id), [created.id]);
    } finally {
      await stop(proxy);
      await stop(mock);
      if (seeded) await stop(seeded);
    }
  });

  it('clean traffic and --duration: exit 0 by itself', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tmf-proxy-'));
    const mock = await startCli(['--port', '0', '--api', 'TMF663']);
    try {
      const proxy = await startProxy(['--upstream', mock.url, '--api', 'TMF663', '--out', out, '--duration', '2', '--reporter', 'json']);
      assert.equal((await send(proxy.url, 'GET', `${CART}?limit=1`)).status, 206);
      assert.equal(await proxy.exit, 0, proxy.stderr());
      assert.equal(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).summary.verdict, 'conformant');
    } finally {
      await stop(mock);
    }
  });

  it('with CI set the console prints no line per exchange; the violation still makes exit 1', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tmf-proxy-'));
    const mock = createMockServer({ apis: ['TMF663'], log: () => undefined });
    const upstream = await mock.listen();
    let printed = '';
    let listening: (url: string) => void;
    const url = new Promise<string>((r) => (listening = r));
    const io: CliIO = {
      out: (t) => {
        printed += `${t}\n`;
        const m = /listening on (http:\/\/\S+)/.exec(t);
        if (m) listening(m[1]!);
      },
      err: (t) => void (printed += `${t}\n`), stdin: async () => '', env: { ...process.env, CI: 'true', NO_COLOR: '1' }, cwd: out,
    };
    try {
      const code = main(['proxy', '--upstream', upstream, '--port', '0', '--api', 'TMF663', '--duration', '2', '--reporter', 'json'], io);
      const bad = await send(await url, 'POST', CART, JSON.stringify({ cartItem: [{ quantity: 'x' }] }));
      assert.ok(Number(bad.headers['x-tmf-ctk-violations']) >= 1);
      assert.equal(await code, 1);
      assert.doesNotMatch(printed, /✗|request-schema/, printed);
      assert.ok(existsSync(join(out, 'reports', 'results.json')));
    } finally {
      await mock.close();
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('an unreachable upstream at start is exit 2 with a coded error; usage errors too', async () => {
    const down = await runCli(['proxy', '--upstream', 'http://127.0.0.1:1', '--port', '0']);
    assert.equal(down.code, 2);
    assert.match(down.err, /error \[UPSTREAM_UNREACHABLE\]/);
    assert.equal((await runCli(['proxy'])).code, 2);
    const notTmf = await runCli(['proxy', '--upstream', 'http://127.0.0.1:1', '--spec', 'package.json']);
    assert.equal(notTmf.code, 2);
    assert.match(notTmf.err, /error \[SPEC_/);
    assert.match((await runCli(['proxy', '--upstream', 'ftp://x'])).err, /error \[USAGE\]: --upstream must be http or https/);
    assert.match((await runCli(['proxy', '--upstream', 'not a url'])).err, /error \[USAGE\]: --upstream "not a url" is not a URL/);
    assert.match((await runCli(['run', '--target', 'not a url', '--api', 'TMF663'])).err, /error \[USAGE\]: --target "not a url" is not a URL/);
  });

  it('credentials in --upstream or --target are refused (they would reach every report) and never echoed', async () => {
    for (const args of [['proxy', '--upstream', 'http://user:pw-s3cret@127.0.0.1:1'], ['run', '--target', 'http://user:pw-s3cret@127.0.0.1:1', '--api', 'TMF663'],
      ['proxy', '--upstream', 'http://user:pw-s3cret@127.0.0.1:bad-port']]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /error \[USAGE\]: --(upstream|target) (must not carry credentials|"http:\/\/…@127\.0\.0\.1:bad-port" is not a URL)/);
      assert.doesNotMatch(r.err + r.out, /pw-s3cret/);
    }
  });
});
