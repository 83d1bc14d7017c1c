/**
 * Runs that do not come from tmf-ctk's own suites record their configuration too (issue #16): a TM Forum kit
 * (folder or zip), a Postman collection with its environment, the proxy's observed traffic, and a native run
 * merged with a kit. Each file's sha256 is computed here from the bytes; a header's secret value appears in no
 * report, and no console says "configuration: not recorded".
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { findEntry } from '../../src/document/registry.js';
import type { RunConfiguration } from '../../src/core/results.js';
import { projectRoot } from '../../src/paths.js';
import { toolVersion } from '../../src/version.js';
import { runCli } from '../helpers/cli.js';
import { startFixtureServer, type FixtureServer } from '../collection/fixture-server.js';
import { CART, send } from '../proxy/helpers.js';
import { readResults, tempDir } from './helpers.js';
import { mockForSuite } from '../helpers/mock.js';

const KIT = fileURLToPath(new URL('../fixtures/ctk/TMF663-Mini-kit', import.meta.url));
const WIDGETS = fileURLToPath(new URL('../collection/fixtures/', import.meta.url));
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const fileSha = async (path: string) => sha(await readFile(path));

/** Every report a run wrote, as text, with what it printed. */
async function everything(out: string, printed: string): Promise<string[]> {
  const files = (await readdir(out)).filter((f) => /\.(json|xml|html)$/.test(f));
  assert.ok(files.includes('results.json') && files.includes('junit.xml') && files.some((f) => f.endsWith('.html')), files.join(', '));
  return [printed, ...await Promise.all(files.map((f) => readFile(join(out, f), 'utf8')))];
}

function assertEvidence(texts: string[], secret: RegExp, shas: string[]): void {
  for (const text of texts) {
    assert.doesNotMatch(text, secret, 'a header value is never written');
    assert.doesNotMatch(text, /configuration: not recorded|config-not-recorded"/);
    for (const s of shas) assert.ok(text.includes(s), `sha256 ${s} in every report`);
  }
}

const kitDocument = () => {
  const e = findEntry('TMF663@4.0.0');
  return { api: 'TMF663', title: e.title, version: '4.0.0', file: e.file.split('/').pop()!, sha256: e.sha256, published: true, fromRegistry: true as const };
};

describe('configuration as evidence of kits, collections and the proxy', () => {
  const target = mockForSuite({ apis: ['TMF663'] });

  it('run --ctk FOLDER: the API, not strict, config.json\'s and --header\'s names, the sha256 of its collection, environment and config.json', async (t) => {
    const out = join(await tempDir(t), 'out');
    const r = await runCli(['run', '--ctk', KIT, '--target', target.url, '--header', 'X-Kit-Token: kit-s3cret-1', '--out', out, '--reporter', 'console,json,junit,html']);
    assert.equal(r.code, 1, r.err);
    const c = (await readResults(out)).configuration!;
    const files = {
      collection: await fileSha(join(KIT, 'ctk/Mini-Cart-4.0.0.postman_collection.json')),
      environment: await fileSha(join(KIT, 'ctk/MINIENV.postman_environment.json')),
      config: await fileSha(join(KIT, 'config.json')),
    };
    assert.deepEqual(c, {
      tool: { name: 'tmf-ctk', version: toolVersion() },
      documents: [kitDocument()],
      strict: { TMF663: false }, config: null, exclusions: [],
      headers: { Accept: '[redacted]', 'Content-Type': '[redacted]', 'X-Kit-Header': '[redacted]', 'X-Kit-Token': '[redacted]' },
      collections: [
        { kind: 'collection', file: 'ctk/Mini-Cart-4.0.0.postman_collection.json', kit: 'TMF663-Mini-kit', sha256: files.collection },
        { kind: 'environment', file: 'ctk/MINIENV.postman_environment.json', kit: 'TMF663-Mini-kit', sha256: files.environment },
        { kind: 'config', file: 'config.json', kit: 'TMF663-Mini-kit', sha256: files.config },
      ],
    } satisfies RunConfiguration);
    assertEvidence(await everything(out, r.out), /kit-s3cret-1/, Object.values(files));
    assert.match(r.out, /configuration: tmf-ctk \S+; config none; strict: TMF663 no; headers: Accept, Content-Type, X-Kit-Header, X-Kit-Token \(values redacted\)/);
    assert.match(r.out, new RegExp(`collection ctk/Mini-Cart-4\\.0\\.0\\.postman_collection\\.json of the kit TMF663-Mini-kit sha256 ${files.collection}`));
    assert.match(r.out, /document TMF663 4\.0\.0 \S+ sha256 \w+ \(the published document the API is registered with; not read by this run/);
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    assert.match(junit, new RegExp(`<property name="suite.file.3" value="config config.json of the kit TMF663-Mini-kit sha256 ${files.config}"/>`));

    // report --from keeps it all, and cannot drop it.
    const again = join(out, 'again');
    const rerun = await runCli(['report', '--from', out, '--reporter', 'console,json,junit,html', '--out', again]);
    assert.equal(rerun.code, 0, rerun.err);
    assert.deepEqual((await readResults(again)).configuration, c);
    assertEvidence(await everything(again, rerun.out), /kit-s3cret-1/, Object.values(files));
  });

  it('run --ctk ZIP: the zip\'s sha256', async (t) => {
    const dir = await tempDir(t);
    const zip = new AdmZip();
    zip.addLocalFolder(KIT, 'TMF663-Mini-kit');
    const file = join(dir, 'TMF663-Mini-kit.zip');
    zip.writeZip(file);
    const out = join(dir, 'out');
    const r = await runCli(['run', '--ctk', file, '--target', target.url, '--out', out, '--reporter', 'console,json,junit,html']);
    assert.equal(r.code, 1, r.err);
    const zipSha = await fileSha(file);
    const c = (await readResults(out)).configuration!;
    assert.deepEqual(c.collections, [{ kind: 'ctk', file: 'TMF663-Mini-kit.zip', sha256: zipSha }]);
    assert.deepEqual(c.documents, [kitDocument()]);
    assertEvidence(await everything(out, r.out), /kit-s3cret/, [zipSha]);
    assert.match(r.out, new RegExp(`TM Forum kit TMF663-Mini-kit\\.zip sha256 ${zipSha}`));
  });

  it('run --api TMF663 --ctk KIT: the merged run lists the document read, the kit\'s files and every header name', async (t) => {
    const out = join(await tempDir(t), 'out');
    const r = await runCli(['run', '--api', 'TMF663', '--ctk', KIT, '--target', target.url, '--header', 'X-Both: both-s3cret', '--out', out, '--reporter', 'console,json,junit,html']);
    assert.equal(r.code, 1, r.err);
    const c = (await readResults(out)).configuration!;
    const docSha = await fileSha(join(projectRoot, 'specs', findEntry('TMF663').file));
    const { fromRegistry: _registry, ...read } = { ...kitDocument(), sha256: docSha };
    assert.deepEqual(c.documents, [read], 'the published document the native suite read stands for the kit\'s registry entry');
    assert.deepEqual(c.collections?.map((k) => k.kind), ['collection', 'environment', 'config']);
    assert.deepEqual(Object.keys(c.headers), ['X-Both', 'Accept', 'Content-Type', 'X-Kit-Header']);
    assert.deepEqual(c.strict, { TMF663: false });
    assertEvidence(await everything(out, r.out), /both-s3cret/, [docSha, c.collections![0]!.sha256]);
  });

  it('run --collection FILE --environment FILE: both files\' sha256, the header names, not strict', async (t) => {
    const server: FixtureServer = await startFixtureServer();
    t.after(() => server.close());
    const out = join(await tempDir(t), 'out');
    const collection = join(WIDGETS, 'widgets.postman_collection.json');
    const environment = join(WIDGETS, 'widgets.postman_environment.json');
    const r = await runCli(['run', '--collection', collection, '--environment', environment, '--target', server.url,
      '--header', 'X-Widget-Token: widget-s3cret', '--out', out, '--reporter', 'console,json,junit,html']);
    assert.equal(r.code, 1, r.out + r.err);
    const shas = [await fileSha(collection), await fileSha(environment)];
    const result = await readResults(out);
    assert.deepEqual(result.configuration, {
      tool: { name: 'tmf-ctk', version: toolVersion() },
      documents: [], strict: { [result.apis[0]!.id]: false }, config: null, exclusions: [],
      headers: { 'X-Widget-Token': '[redacted]' },
      collections: [
        { kind: 'collection', file: 'widgets.postman_collection.json', sha256: shas[0] },
        { kind: 'environment', file: 'widgets.postman_environment.json', sha256: shas[1] },
      ],
    });
    assert.ok(server.seen.some((s) => s.headers['x-widget-token'] === 'widget-s3cret'), 'the header is sent');
    assertEvidence(await everything(out, r.out), /widget-s3cret/, shas);
    assert.match(r.out, /headers: X-Widget-Token \(values redacted\)/);
  });

  it('proxy: the documents judged, --strict, --header names and the upstream', async (t) => {
    const out = await tempDir(t);
    let printed = '';
    let listening: (url: string) => void;
    const proxyUrl = new Promise<string>((r) => (listening = r));
    const io: CliIO = {
      out: (text) => {
        printed += `${text}\n`;
        const m = /listening on (http:\/\/\S+)/.exec(text);
        if (m) listening(m[1]!);
      },
      err: (text) => void (printed += `${text}\n`), stdin: async () => '', env: { ...process.env, CI: '', NO_COLOR: '1' }, cwd: out,
    };
    const code = main(['proxy', '--upstream', target.url, '--port', '0', '--api', 'TMF663', '--strict', '--duration', '1',
      '--header', 'X-Upstream-Key: proxy-s3cret', '--reporter', 'console,json,junit,html'], io);
    assert.equal((await send(await proxyUrl, 'GET', `${CART}?limit=1`)).status, 206);
    assert.ok([0, 1].includes(await code), printed);
    const reports = join(out, 'reports');
    const c = (await readResults(reports)).configuration!;
    const docSha = await fileSha(join(projectRoot, 'specs', findEntry('TMF663').file));
    const { fromRegistry: _registry, ...doc } = { ...kitDocument(), sha256: docSha };
    assert.deepEqual(c, {
      tool: { name: 'tmf-ctk', version: toolVersion() },
      documents: [doc], strict: { TMF663: true }, config: null, exclusions: [],
      headers: { 'X-Upstream-Key': '[redacted]' }, observed: { upstream: target.url },
    });
    assertEvidence(await everything(reports, printed), /proxy-s3cret/, [docSha]);
    assert.match(printed, /strict: TMF663 yes; headers: X-Upstream-Key \(values redacted\)/);
    assert.ok(printed.includes(`observed traffic forwarded to ${target.url}`), printed);
    assert.ok((await readFile(join(reports, 'junit.xml'), 'utf8')).includes(`<property name="observed.upstream" value="${target.url}"/>`));
  });
});
