import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { isCtkError } from '../../src/errors.js';
import { fetchSpecs } from '../../src/document/fetch.js';
import { findEntry } from '../../src/document/registry.js';
import { defaultSharedDir, resolveSpec } from '../../src/document/resolve.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-specs-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const empty = join(tmp, 'empty');
const entry = findEntry('TMF699');

describe('spec resolution order', () => {
  it('finds ../shared/specs by default', () => {
    const r = resolveSpec(entry, { env: {} });
    assert.equal(r.origin, 'shared');
    assert.equal(r.path, join(defaultSharedDir(), entry.file));
  });
  it('--specs DIR wins, then TMF_CTK_SPECS, then shared, then the cache', () => {
    const dir = join(tmp, 'mine');
    const cache = join(tmp, 'cache');
    for (const d of [dir, cache]) {
      mkdirSync(d, { recursive: true });
      copyFileSync(join(defaultSharedDir(), entry.file), join(d, entry.file));
    }
    assert.equal(resolveSpec(entry, { specsDir: dir, env: {} }).origin, 'option');
    assert.equal(resolveSpec(entry, { env: { TMF_CTK_SPECS: dir } }).origin, 'env');
    assert.equal(resolveSpec(entry, { env: {}, sharedDir: empty, cacheDir: cache }).origin, 'cache');
  });
  it('a missing document is a clear error naming the file, the folders and the way to get it', () => {
    assert.throws(() => resolveSpec(entry, { env: {}, sharedDir: empty, cacheDir: empty }), (e: unknown) => {
      assert.ok(isCtkError(e));
      assert.equal(e.code, 'SPEC_MISSING');
      assert.match(e.message, /TMF699-Sales-v4\.0\.0\.swagger\.json/);
      assert.match(e.hint ?? '', /--specs DIR/);
      assert.match(e.hint ?? '', /tmf-ctk specs fetch/);
      assert.match(e.hint ?? '', new RegExp(entry.sha256));
      assert.equal(e.exitCode, 2);
      return true;
    });
  });
});

describe('tmf-ctk specs fetch', () => {
  const original = readFileSync(join(defaultSharedDir(), entry.file));
  let body: Buffer = original;
  const server = createServer((req, res) => {
    if (req.url?.endsWith(entry.source.path)) res.end(body);
    else res.writeHead(404).end();
  });
  let mirror = '';
  after(() => server.close());

  it('downloads from the mirror, checks sha256 and fills the cache', async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cache = join(tmp, 'fetched');
    const [r] = await fetchSpecs([entry], { mirror, cacheDir: cache, sharedDir: empty, env: {} });
    assert.equal(r!.status, 'downloaded');
    assert.deepEqual(readFileSync(r!.path!), original);
    const again = await fetchSpecs([entry], { mirror, cacheDir: cache, sharedDir: empty, env: {} });
    assert.equal(again[0]!.status, 'present');
  });
  it('refuses a document whose sha256 differs and keeps nothing', async () => {
    body = Buffer.concat([original, Buffer.from(' ')]);
    const cache = join(tmp, 'tampered');
    const [r] = await fetchSpecs([entry], { mirror, cacheDir: cache, sharedDir: empty, env: {}, force: true });
    assert.equal(r!.status, 'failed');
    assert.match(r!.error!, /sha256/);
    assert.equal(existsSync(join(cache, entry.file)), false);
  });
  it('reports an unreachable source as failed, not a crash', async () => {
    const [r] = await fetchSpecs([entry], { mirror: 'http://127.0.0.1:9', cacheDir: join(tmp, 'x'), sharedDir: empty, env: {}, force: true, timeoutMs: 2000 });
    assert.equal(r!.status, 'failed');
    assert.match(r!.error!, /download .* failed/);
  });
});
