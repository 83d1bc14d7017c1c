import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../../src/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-compiled-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const bin = join(projectRoot, 'bin', 'tmf-ctk.js');
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(tmp, 'cache'), ...env }, timeout: 120_000 });

interface Compiler { fingerprint(): string; build(fp?: string): string }

/** A small project of its own with a copy of bin/compiled.js, so the test can edit its sources. */
async function sandbox(): Promise<{ root: string; compiler: Compiler }> {
  const root = join(tmp, 'project');
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'src', 'cli'), { recursive: true });
  cpSync(join(projectRoot, 'bin', 'compiled.js'), join(root, 'bin', 'compiled.js'));
  symlinkSync(realpathSync(join(projectRoot, 'node_modules')), join(root, 'node_modules'));
  writeFileSync(join(root, 'src', 'cli', 'main.ts'), "import { n } from '../n.js';\nexport const main = async (): Promise<number> => n;\n");
  writeFileSync(join(root, 'src', 'n.ts'), 'export const n: number = 1;\n');
  writeFileSync(join(root, 'src', 'page.hbs'), '<p>{{x}}</p>\n');
  const compiler = (await import(`${pathToFileURL(join(root, 'bin', 'compiled.js')).href}?t=${Date.now()}`)) as Compiler;
  return { root, compiler };
}

describe('the compiled copy of the sources (bin/compiled.js)', () => {
  it('compiles every .ts file, copies the other files, and follows the sources', async () => {
    const { root, compiler } = await sandbox();
    const first = compiler.build();
    assert.equal(first, join(root, 'dist', compiler.fingerprint()));
    assert.match(readFileSync(join(first, 'src', 'n.js'), 'utf8'), /const n = 1;/);
    assert.equal(readFileSync(join(first, 'src', 'page.hbs'), 'utf8'), '<p>{{x}}</p>\n');
    assert.equal(compiler.build(), first, 'built once');
    writeFileSync(join(root, 'src', 'n.ts'), 'export const n: number = 2;\n');
    const second = compiler.build();
    assert.notEqual(second, first, 'an edited source is a new fingerprint: stale code never runs');
    assert.match(readFileSync(join(second, 'src', 'n.js'), 'utf8'), /const n = 2;/);
    assert.ok(existsSync(first), 'a recent tree stays for processes still using it');
    assert.deepEqual(readdirSync(join(root, 'dist')).filter((n) => n.startsWith('.tmp')), [], 'no half-built tree left');
  });

  it('the CLI answers the same compiled and through tsx (TMF_CTK_NO_CACHE=1)', () => {
    for (const args of [['apis', '--json'], ['run', '--help'], ['frobnicate']]) {
      const compiled = cli(args);
      const tsx = cli(args, { TMF_CTK_NO_CACHE: '1' });
      assert.equal(compiled.status, tsx.status, args.join(' '));
      assert.equal(compiled.stdout, tsx.stdout, args.join(' '));
      assert.equal(compiled.stderr, tsx.stderr, args.join(' '));
    }
  });
});
