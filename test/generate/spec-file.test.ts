/**
 * `--spec FILE`: a document outside the registry, its id, title, version and base path from the document
 * itself (v5: the servers entry), served, run and exported with its generated suite; a document that is not
 * a TMF-style API is SPEC_UNSUPPORTED, naming what is missing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { entryOfFile, loadSpecFile } from '../../src/document/spec-file.js';
import { projectRoot } from '../../src/paths.js';
import { runCli } from '../helpers/cli.js';
import { startCli } from '../mock/cli-process.js';

let dir: string;

/** A registered document changed by one trailing comment: same API, but not the registry's bytes. */
async function unregistered(file: string, name: string): Promise<string> {
  const text = await readFile(join(projectRoot, 'specs', file), 'utf8');
  const out = join(dir, name);
  await writeFile(out, file.endsWith('.json') ? `${text}\n` : `${text}\n# not the published bytes\n`);
  return out;
}

describe('--spec FILE', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-spec-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads id, title, version and base path from the document (Swagger basePath; v5 servers, placeholders, conventions)', async () => {
    const v4 = entryOfFile(await unregistered('more/TMF620-ProductCatalog-v4.0.0.swagger.json', 'catalog-v4.json'));
    assert.deepEqual([v4.entry.id, v4.entry.version, v4.entry.basePath, v4.entry.generic], ['TMF620', '4.0.0', '/tmf-api/productCatalogManagement/v4', true]);
    const v5 = entryOfFile(await unregistered('more/TMF632-Party_Management-v5.0.0.oas.yaml', 'party-v5.yaml'));
    assert.deepEqual([v5.entry.id, v5.entry.title, v5.entry.version, v5.entry.basePath], ['TMF632', 'Party Management', '5.0.0', '/tmf-api/partyManagement/v5']);
    assert.deepEqual(v5.quirks.map((q) => q.id), ['server-placeholder']);
    const bare = entryOfFile(await unregistered('v5/TMF622-ProductOrdering-v5.0.0.oas.yaml', 'order-v5.yaml'));
    assert.equal(bare.entry.basePath, '/tmf-api/productOrderingManagement/v5');
    assert.deepEqual(bare.quirks.map((q) => q.id), ['base-path-derived']);
    // The published bytes are the registry's entry.
    assert.equal(entryOfFile(join(projectRoot, 'specs', 'more', 'TMF632-Party-v4.0.0.swagger.json')).entry.file, 'more/TMF632-Party-v4.0.0.swagger.json');
  });

  it("the id from TM Forum's own file names, joined with '_' (TMF671 v4.1.0 names itself nowhere else)", async () => {
    const name = 'TMF671_Promotion_Management_API_v4.1.0_swagger.json';
    const e = entryOfFile(await unregistered(name, name)).entry;
    assert.deepEqual([e.id, e.title, e.version, e.basePath], ['TMF671', 'Promotion Management', '4.1.0', '/tmf-api/promotionManagement/v4']);
    const widget = JSON.stringify({ swagger: '2.0', info: { title: 'Widget', version: '4.0.0' }, basePath: '/tmf-api/widget/v4', paths: { '/widget': {} }, definitions: { Widget: { type: 'object' } } });
    const ids: string[] = [];
    for (const file of ['my_TMF663.json', 'TMF-666 account.json', 'xTMF671.json', 'TMF6711.json']) {
      await writeFile(join(dir, file), widget);
      try {
        ids.push(entryOfFile(join(dir, file)).entry.id);
      } catch (e) {
        ids.push((e as { code?: string }).code ?? 'thrown');
      }
    }
    assert.deepEqual(ids, ['TMF663', 'TMF666', 'SPEC_UNSUPPORTED', 'SPEC_UNSUPPORTED']);
  });

  it('{apiRoot} server templates resolve to /tmf-api', async () => {
    const file = join(dir, 'templated.json');
    await writeFile(file, JSON.stringify({
      openapi: '3.0.1', info: { title: 'TMF999 Widget', version: '5.0.0' },
      servers: [{ url: '{apiRoot}/widget/v5', variables: { apiRoot: { default: 'https://example.com/tmf-api' } } }],
      paths: { '/widget': { get: { responses: { 200: { description: 'ok' } } } } }, components: { schemas: { Widget: { type: 'object' } } },
    }));
    assert.equal(loadSpecFile(file).basePath, '/tmf-api/widget/v5');
  });

  it('a document that is not a TMF-style API: SPEC_UNSUPPORTED (exit 2) naming what is missing', async () => {
    const file = join(dir, 'pets.json');
    await writeFile(file, JSON.stringify({ openapi: '3.0.1', info: { title: 'Pets', version: '1.0' }, paths: { '/pets/{id}': {} } }));
    const r = await runCli(['run', '--spec', file, '--target', 'http://127.0.0.1:9']);
    assert.equal(r.code, 2);
    assert.match(r.err, /error \[SPEC_UNSUPPORTED\]: .*TMFnnn.*resource collection.*components\.schemas/);
    assert.equal((await runCli(['mock', '--spec', file])).code, 2);
  });

  it('mock --spec serves it, run --spec passes against it (exit 0), export --spec writes its collection', async () => {
    const file = await unregistered('more/TMF632-Party_Management-v5.0.0.oas.yaml', 'party.yaml');
    const mock = await startCli(['--port', '0', '--spec', file]);
    try {
      // The API lines follow "listening on" on stdout.
      for (let i = 0; i < 100 && !mock.stdout().includes('partyManagement'); i++) await new Promise((r) => setTimeout(r, 20));
      assert.match(mock.stdout(), /TMF632 Party Management 5\.0\.0 .*\/tmf-api\/partyManagement\/v5/);
      const run = await runCli(['run', '--spec', file, '--target', mock.url, '--reporter', 'json', '--out', join(dir, 'reports')]);
      assert.equal(run.code, 0, run.out + run.err);
      assert.match(run.out, /\d+ passed, 0 failed/);
    } finally {
      mock.child.kill('SIGTERM');
      await mock.exit;
    }
    const exported = await runCli(['export', '--spec', file, '--out', join(dir, 'party.postman.json')]);
    assert.equal(exported.code, 0, exported.err);
    assert.match(exported.out, /wrote .*party\.postman\.json: \d+ cases/);
    assert.equal((await runCli(['export', '--spec', file, '--api', 'TMF663'])).code, 2);
  });

  it('--generator-seed: the same seed exports the same collection, another seed other payloads; a bad seed is a usage error', async () => {
    const file = await unregistered('more/TMF620-ProductCatalog-v4.0.0.swagger.json', 'seeded.json');
    const text = async (seed: string) => (await runCli(['export', '--spec', file, '--generator-seed', seed])).out;
    const [a, b, c] = [await text('7'), await text('7'), await text('8')];
    assert.ok(a.length > 1000);
    assert.equal(a, b);
    assert.notEqual(a, c);
    const bad = await runCli(['run', '--spec', file, '--generator-seed', 'x', '--target', 'http://127.0.0.1:9']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--generator-seed must be a whole number/);
  });
});
