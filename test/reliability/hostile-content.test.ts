import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import type { RunResult } from '../../src/core/results.js';
import { runCli } from '../helpers/cli.js';
import { spawnCli, stop } from '../mock/cli-process.js';
import { startProxy, type Answer, type Proxy } from './hostile-proxy.js';

/**
 * What a target sends ends up in every report. Two hostile targets (the mock behind a rewriting
 * proxy): one answers markup, script and terminal escapes in bodies and headers; one answers a
 * retrieve with 400k wrong array items in 800 KB (under the 1 MiB read cap). A real `tmf-ctk run`
 * against each must finish quickly and write reports in which nothing the target sent can execute.
 */
const PAYLOAD = '</script><script>alert(document.domain)</script><img src=x onerror=alert(1)>';
const ESCAPES = '\u001b[2J\u001b]0;pwned\u0007\u0000';
const LIMIT_MS = 20_000;
const CART = /\/shoppingCart\/[^/?]+$/;

let mock: MockServer;
const proxies: Proxy[] = [];
const dirs: string[] = [];
before(async () => {
  mock = createMockServer({ apis: ['TMF663'], clockMs: 0, log: () => undefined });
  await mock.listen();
});
after(async () => {
  for (const p of proxies) await p.close();
  await mock?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Markup in a header, in JSON bodies (a changed id fails N1 with it in the reason), and an HTML list. */
function xss(req: { method: string; path: string }, a: Answer): Answer {
  const headers = { ...a.headers, 'x-evil': `"><svg onload=alert(1)>` };
  if (req.method === 'GET' && !CART.test(req.path.split('?')[0]!) && !req.path.includes('?')) {
    return { status: 200, headers: { ...headers, 'content-type': 'text/html' }, body: `<html><body>${PAYLOAD}</body></html>` };
  }
  if (!a.body.startsWith('{')) return { ...a, headers };
  const json = JSON.parse(a.body) as Record<string, unknown>;
  const evil = req.method === 'GET' ? { id: `${PAYLOAD}${ESCAPES}` } : {};
  return { ...a, headers, body: JSON.stringify({ ...json, description: `${PAYLOAD}${ESCAPES}`, '@baseType': PAYLOAD, ...evil }) };
}

/** 400k numbers where cart items belong: invalid 400k times over. */
function hugeInvalid(req: { method: string; path: string }, a: Answer): Answer {
  if (req.method !== 'GET' || !CART.test(req.path) || a.status !== 200) return a;
  return { ...a, body: JSON.stringify({ ...(JSON.parse(a.body) as object), cartItem: new Array(400_000).fill(1) }) };
}

async function runAgainst(rewrite: typeof xss): Promise<{ dir: string; out: string; ms: number; result: RunResult }> {
  const proxy = await startProxy(mock.url!, rewrite);
  proxies.push(proxy);
  const dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-content-'));
  dirs.push(dir);
  const t0 = performance.now();
  const r = await runCli(['run', '--target', proxy.url, '--api', 'TMF663', '--out', dir, '--timeout', '2000']);
  const ms = performance.now() - t0;
  assert.equal(r.code, 1, r.err);
  return { dir, out: r.out, ms, result: JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as RunResult };
}

describe('hostile content from a target', () => {
  it('markup, script and terminal escapes: the reports render them inert', async () => {
    const { dir, out, result } = await runAgainst(xss);
    assert.ok(JSON.stringify(result).includes('alert(document.domain)'), 'the payload reached the results');
    const report = (await readdir(dir)).find((f) => f.endsWith('-HTMLReport.html'))!;
    for (const name of [report, 'index.html']) {
      const html = await readFile(join(dir, name), 'utf8');
      assert.equal((html.match(/<script/gi) ?? []).length, name === report ? 1 : 0, `${name}: only the report's own script`);
      assert.doesNotMatch(html, /<img|<svg|\son\w+=/i, `${name}: no markup from the target`);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;/);
      assert.doesNotMatch(html, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, `${name}: no control characters`);
    }
    const html = await readFile(join(dir, report), 'utf8');
    assert.ok(html.includes('&lt;/script&gt;&lt;script&gt;alert(document.domain)'), 'the payload is shown as text');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    assert.doesNotMatch(junit, /<script|<img|<svg|[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    assert.doesNotMatch(out, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/, 'the console prints no escape from the target');
  });

  it('400k wrong array items in one 800 KB answer: the run finishes in seconds with the first schema error', async () => {
    // In its own process, so a regression (quadratic validation: most of an hour) fails here instead of hanging the suite.
    const proxy = await startProxy(mock.url!, hugeInvalid);
    proxies.push(proxy);
    const dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-content-'));
    dirs.push(dir);
    const t0 = performance.now();
    const child = spawnCli(['run', '--target', proxy.url, '--api', 'TMF663', '--out', dir, '--timeout', '2000', '--reporter', 'json']);
    const killer = setTimeout(() => void stop(child, 'SIGKILL'), LIMIT_MS);
    const code = await child.exit;
    clearTimeout(killer);
    const ms = performance.now() - t0;
    process.stdout.write(`# 400k invalid items: tmf-ctk run finished in ${ms.toFixed(0)} ms\n`);
    assert.equal(code, 1, `exit ${code} after ${ms.toFixed(0)} ms (killed after ${LIMIT_MS} ms?) ${child.stderr()}`);
    const result = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as RunResult;
    const n1 = result.apis[0]!.cases.find((c) => c.id === 'TC_ShoppingCart_N1')!;
    assert.match(n1.reason ?? '', /response-schema: not valid against ShoppingCart: \/cartItem\/0 \[type\]/);
  });
});
