import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { isCtkError } from '../../src/errors.js';
import { fileSha256, sha256 } from '../../src/document/checksum.js';
import { loadApi } from '../../src/document/load.js';
import { findEntry, registry } from '../../src/document/registry.js';
import { projectSpecsDir } from '../../src/document/resolve.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-checksum-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const entry = findEntry('TMF699');

/** A copy of the registered document with one byte more: same JSON, different sha256. */
function modifiedCopy(dir: string, file = entry.file): string {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  const target = join(dir, file);
  writeFileSync(target, Buffer.concat([readFileSync(join(projectSpecsDir(), file)), Buffer.from('\n')]));
  return target;
}

describe('the documents the project ships', () => {
  for (const e of registry()) {
    it(`${e.id} v${e.version}: specs/${e.file} has the registry's sha256`, () => {
      const path = join(projectSpecsDir(), e.file);
      assert.ok(existsSync(path), `${path} is missing`);
      assert.equal(sha256(readFileSync(path)), e.sha256);
    });
  }
  it("travel with TM Forum's licence and a notice", () => {
    assert.match(readFileSync(join(projectSpecsDir(), 'LICENSE'), 'utf8'), /Apache License/);
    assert.match(readFileSync(join(projectSpecsDir(), 'NOTICE'), 'utf8'), /TM Forum/);
  });
});

describe('the loader verifies sha256', () => {
  it("a changed copy in the kit's own specs/ is SPEC_CHECKSUM naming file, both hashes and how to restore it", () => {
    const project = join(tmp, 'project');
    const path = modifiedCopy(project);
    assert.throws(() => loadApi(entry, { projectDir: project, env: {} }), (e: unknown) => {
      assert.ok(isCtkError(e));
      assert.equal(e.code, 'SPEC_CHECKSUM');
      assert.equal(e.exitCode, 2);
      assert.ok(e.message.includes(path));
      assert.ok(e.message.includes(entry.sha256));
      assert.ok(e.message.includes(fileSha256(path)));
      assert.match(e.hint ?? '', /git checkout -- specs\/TMF699/);
      return true;
    });
  });
  it('the opt-out never applies to the kit\'s own copies', () => {
    const project = join(tmp, 'project-allowed');
    modifiedCopy(project);
    assert.throws(() => loadApi(entry, { projectDir: project, env: { TMF_CTK_ALLOW_MODIFIED_SPECS: '1' } }), /SPEC_CHECKSUM|sha256/);
  });
  it('an unchanged copy under --specs is used', () => {
    const mine = join(tmp, 'unchanged');
    mkdirSync(mine, { recursive: true });
    copyFileSync(join(projectSpecsDir(), entry.file), join(mine, entry.file));
    const api = loadApi(entry, { specsDir: mine, env: {} });
    assert.equal(api.documentPath, join(mine, entry.file));
    assert.equal(api.quirks.some((q) => q.id === 'checksum'), false);
  });
  it('a file edited after it was loaded is checked again (cache keyed by mtime and size)', () => {
    const mine = join(tmp, 'edited');
    mkdirSync(mine, { recursive: true });
    copyFileSync(join(projectSpecsDir(), entry.file), join(mine, entry.file));
    loadApi(entry, { specsDir: mine, env: {} });
    modifiedCopy(mine);
    assert.throws(() => loadApi(entry, { specsDir: mine, env: {} }), /sha256/);
  });
});

describe('a modified copy through the CLI', () => {
  const mine = join(tmp, 'mine');
  modifiedCopy(mine);
  const payload = JSON.stringify({ name: 'x' });

  it('is SPEC_CHECKSUM, exit 2, with the way out', async () => {
    const r = await runCli(['validate', '--api', 'TMF699', '--schema', 'SalesLead', '--specs', mine, '-'], { stdin: payload, env: { NO_COLOR: '1' } });
    assert.equal(r.code, 2);
    assert.match(r.err, /^error \[SPEC_CHECKSUM\]: TMF699 v4\.0\.0: .*mine.*TMF699-Sales-v4\.0\.0\.swagger\.json has sha256 [0-9a-f]{64}, but specs\/registry\.json expects 23a366e3/);
    assert.match(r.err, /hint: .*TMF_CTK_ALLOW_MODIFIED_SPECS=1/);
  });
  it('apis shows it refused and exits 2 (a certified API)', async () => {
    const r = await runCli(['apis', '--specs', mine], { env: { NO_COLOR: '1' } });
    assert.equal(r.code, 2);
    assert.match(r.out, /document {4}REFUSED \[SPEC_CHECKSUM\]: TMF699/);
  });
  it('is used with TMF_CTK_ALLOW_MODIFIED_SPECS=1, named as a checksum quirk', async () => {
    const env = { NO_COLOR: '1', TMF_CTK_ALLOW_MODIFIED_SPECS: '1' };
    const r = await runCli(['validate', '--api', 'TMF699', '--schema', 'SalesLead', '--specs', mine, '-'], { stdin: payload, env });
    assert.notEqual(r.code, 2, r.err);
    const apis = await runCli(['apis', '--specs', mine, '--quirks'], { env });
    assert.equal(apis.code, 0, apis.out);
    assert.match(apis.out, /    checksum \(1\)\n      .*TMF699-Sales-v4\.0\.0\.swagger\.json: sha256 [0-9a-f]{64} differs from the registry's 23a366e3/);
  });
});
