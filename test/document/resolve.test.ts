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
import { projectSpecsDir, resolveSpec } from '../../src/document/resolve.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-specs-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const empty = join(tmp, 'empty');
const entry = findEntry('TMF699');

describe('spec resolution order', () => {
  it("finds the project's own specs/ by default, by registry path (v5/ too)", () => {
    const r = resolveSpec(entry, { env: {} });
    assert.equal(r.origin, 'project');
    assert.equal(r.path, join(projectSpecsDir(), entry.file));
    const v5 = findEntry('TMF663@5');
    assert.equal(resolveSpec(v5, { env: {} }).path, join(projectSpecsDir(), 'v5', 'TMF663-Shopping_Cart-v5.0.0.oas.yaml'));
  });
  it('--specs DIR wins, then TMF_CTK_SPECS, then the project, then the cache', () => {
    const dir = join(tmp, 'mine');
    const cache = join(tmp, 'cache');
    for (const d of [dir, cache]) {
      mkdirSync(d, { recursive: true });
      copyFileSync(join(projectSpecsDir(), entry.file), join(d, entry.file));
    }
    assert.equal(resolveSpec(entry, { specsDir: dir, env: {} }).origin, 'option');
    assert.equal(resolveSpec(entry, { specsDir: dir, env: { TMF_CTK_SPECS: empty } }).origin, 'option');
    assert.equal(resolveSpec(entry, { env: { TMF_CTK_SPECS: dir } }).origin, 'env');
    assert.equal(resolveSpec(entry, { env: {}, cacheDir: cache }).origin, 'project');
    assert.equal(resolveSpec(entry, { env: {}, projectDir: empty, cacheDir: cache }).origin, 'cache');
  });
  it("a user's folder without the document falls through to the project's copy", () => {
    mkdirSync(empty, { recursive: true });
    assert.equal(resolveSpec(entry, { specsDir: empty, env: {} }).origin, 'project');
  });
  it('--specs or TMF_CTK_SPECS naming a folder that does not exist is SPECS_DIR_MISSING, not a silent fallback', () => {
    const nowhere = join(tmp, 'no-such-folder');
    for (const src of [{ specsDir: nowhere, env: {} }, { env: { TMF_CTK_SPECS: nowhere } }]) {
      assert.throws(() => resolveSpec(entry, src), (e: unknown) => {
        assert.ok(isCtkError(e));
        assert.equal(e.code, 'SPECS_DIR_MISSING');
        assert.equal(e.exitCode, 2);
        assert.match(e.message, /no-such-folder/);
        return true;
      });
    }
  });
  it('a missing document is a clear error naming the file, the folders and the way to get it', () => {
    assert.throws(() => resolveSpec(entry, { env: {}, projectDir: empty, cacheDir: empty }), (e: unknown) => {
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
  const original = readFileSync(join(projectSpecsDir(), entry.file));
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
    const [r] = await fetchSpecs([entry], { mirror, cacheDir: cache, projectDir: empty, env: {} });
    assert.equal(r!.status, 'downloaded');
    assert.deepEqual(readFileSync(r!.path!), original);
    const again = await fetchSpecs([entry], { mirror, cacheDir: cache, projectDir: empty, env: {} });
    assert.equal(again[0]!.status, 'present');
  });
  it('refuses a document whose sha256 differs and keeps nothing', async () => {
    body = Buffer.concat([original, Buffer.from(' ')]);
    const cache = join(tmp, 'tampered');
    const [r] = await fetchSpecs([entry], { mirror, cacheDir: cache, projectDir: empty, env: {}, force: true });
    assert.equal(r!.status, 'failed');
    assert.match(r!.error!, /sha256/);
    assert.equal(existsSync(join(cache, entry.file)), false);
  });
  it('reports an unreachable source as failed, not a crash', async () => {
    const [r] = await fetchSpecs([entry], { mirror: 'http://127.0.0.1:9', cacheDir: join(tmp, 'x'), projectDir: empty, env: {}, force: true, timeoutMs: 2000 });
    assert.equal(r!.status, 'failed');
    assert.match(r!.error!, /download .* failed/);
  });
});
