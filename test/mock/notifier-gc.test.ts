/**
 * The notifier's per-attempt deadline holds under garbage-collector pressure. With AbortSignal.any and
 * AbortSignal.timeout it did not (the timeout signal is held weakly; fetch's follow of a signal can come undone,
 * nodejs/node#55428): deliveries to a listener that never answers stayed in flight for ever, and so did idle().
 * That hung CI runs; the fixture reproduces it in a child process with --expose-gc.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

test('deliveries to a listener that never answers time out while the GC runs every 5 ms; the notifier goes idle', () => {
  const script = fileURLToPath(new URL('../fixtures/gc/notifier-under-gc.mts', import.meta.url));
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^idle /, r.stdout);
  assert.match(r.stdout, /"failed":40/, 'every delivery gave up after its retry');
});
