import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { readDocument } from '../../src/document/document.js';
import { derivedCacheDir } from '../../src/document/derived-cache.js';
import { loadApi } from '../../src/document/load.js';
import { registry } from '../../src/document/registry.js';
import { projectSpecsDir } from '../../src/document/resolve.js';
import { summarize, summarizeApi } from '../../src/document/summary.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-derived-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const env = { XDG_CACHE_HOME: tmp };
const cacheDir = derivedCacheDir(env)!;

describe('derived cache', () => {
  it('lives in $XDG_CACHE_HOME/tmf-ctk and TMF_CTK_NO_CACHE=1 turns it off', () => {
    assert.equal(cacheDir, join(tmp, 'tmf-ctk'));
    assert.equal(derivedCacheDir({ ...env, TMF_CTK_NO_CACHE: '1' }), undefined);
  });

  for (const e of registry().filter((x) => /\.ya?ml$/.test(x.file))) {
    it(`${e.id} v${e.version}: the cached parse of the YAML document is the YAML parse itself`, () => {
      const path = join(projectSpecsDir(), e.file);
      const first = readDocument(path, cacheDir);
      const cached = join(cacheDir, 'parsed', `${e.sha256}.json`);
      assert.deepEqual(JSON.parse(readFileSync(cached, 'utf8')), parseYaml(readFileSync(path, 'utf8'), { maxAliasCount: -1 }));
      assert.deepEqual(readDocument(path, cacheDir).doc, first.doc);
    });
  }

  it('a damaged entry is parsed again and replaced, never trusted', () => {
    const e = registry().find((x) => x.file.endsWith('.yaml'))!;
    const cached = join(cacheDir, 'parsed', `${e.sha256}.json`);
    writeFileSync(cached, '{"half":');
    const doc = readDocument(join(projectSpecsDir(), e.file), cacheDir).doc;
    assert.equal(typeof doc.openapi, 'string');
    assert.deepEqual(JSON.parse(readFileSync(cached, 'utf8')), doc);
  });

  for (const e of registry()) {
    it(`${e.id} v${e.version}: the summary tmf-ctk apis prints, from the cache, is the loaded model's`, async () => {
      const expected = { ...summarize(loadApi(e, { env })), documentPath: join(projectSpecsDir(), e.file) };
      assert.deepEqual(await summarizeApi(e, { env }), expected); // derives and stores
      assert.deepEqual(await summarizeApi(e, { env }), expected); // from the cache
    });
  }

  it('summaries are named by document sha256, API and loader fingerprint; a damaged one is derived again', async () => {
    const names = readdirSync(join(cacheDir, 'summary'));
    for (const e of registry()) assert.ok(names.some((n) => n.startsWith(`${e.sha256}-${e.id}@${e.version}-`)), `${e.id}@${e.version}`);
    const e = registry()[0]!;
    const name = names.find((n) => n.startsWith(e.sha256))!;
    writeFileSync(join(cacheDir, 'summary', name), 'not json');
    assert.deepEqual((await summarizeApi(e, { env })).resources, summarize(loadApi(e, { env })).resources);
  });
});
