import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../../src/paths.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'tmf-ctk-cli-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('tmf-ctk validate', () => {
  it('exit 0 for a valid payload', async () => {
    const r = await runCli(['validate', '--api', 'TMF663', '--schema', 'ShoppingCart', file('ok.json', '{"id":"1","cartItem":[]}')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^valid: .*ok\.json against TMF663 ShoppingCart/);
  });
  it('exit 1 with readable errors for an invalid payload, from stdin', async () => {
    const r = await runCli(['validate', '--api', 'TMF622', '--schema', 'ProductOrder_Create', '-'], { stdin: '{"productOrderItem":[{"id":"1"}]}' });
    assert.equal(r.code, 1);
    assert.match(r.out, /invalid: - against TMF622 ProductOrder_Create \(1 error\)/);
    assert.match(r.out, /\/productOrderItem\/0\/action \[required\] expected attribute "action", found nothing \(ProductOrderItem\)/);
  });
  it('exit 1 for malformed JSON, with the parser message', async () => {
    const r = await runCli(['validate', '--api', 'TMF663', '--schema', 'ShoppingCart', file('bad.json', '{"id": ')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /INPUT_JSON.*not valid JSON/);
  });
  it('exit 2 naming the valid ones for an unknown API or schema; usage errors', async () => {
    const api = await runCli(['validate', '--api', 'TMF000', '--schema', 'X', 'f.json']);
    assert.equal(api.code, 2);
    assert.match(api.err, /error \[UNKNOWN_API\]: unknown API "TMF000"\nhint: valid APIs: TMF663, TMF622/);
    const schema = await runCli(['validate', '--api', 'TMF663', '--schema', 'Cart', 'f.json']);
    assert.equal(schema.code, 2);
    assert.match(schema.err, /UNKNOWN_SCHEMA[\s\S]*ShoppingCart_Create/);
    assert.equal((await runCli(['validate', '--api', 'TMF663'])).code, 2);
    assert.equal((await runCli(['validate', '--bogus'])).code, 2);
    assert.equal((await runCli(['validate', '--api', 'TMF663', '--schema', 'ShoppingCart', join(tmp, 'none.json')])).code, 2);
  });
  it('--help exits 0 and documents the exit codes', async () => {
    const r = await runCli(['validate', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /Exit codes: 0 valid, 1 invalid/);
  });
});

describe('tmf-ctk apis', () => {
  it('lists each API with base path, resources, counts and the document found', async () => {
    const r = await runCli(['apis', '--json']);
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out) as Array<{ api: string; basePath: string; resources: string[]; operations: number; events: number; document: string }>;
    const cart = rows.find((x) => x.api === 'TMF663')!;
    assert.deepEqual(cart.resources, ['shoppingCart']);
    assert.equal(cart.operations, 7);
    assert.equal(cart.events, 3);
    assert.match(cart.document, /TMF663-ShoppingCart-v4\.0\.0\.swagger\.json$/);
    assert.ok(rows.some((x) => x.api === 'TMF671@4.0.0'));
  });
  it('a TMF_CTK_SPECS folder that does not exist is SPECS_DIR_MISSING on stderr, exit 2', async () => {
    const nowhere = join(tmp, 'nothing');
    const r = await runCli(['apis'], { env: { TMF_CTK_SPECS: nowhere, NO_COLOR: '1' } });
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /^error \[SPECS_DIR_MISSING\]: TMF_CTK_SPECS=.*nothing/);
  });
});

describe('the binary', () => {
  it('npx tmf-ctk works from the checkout: unknown command → 2, --help → 0', () => {
    const bin = join(projectRoot, 'bin', 'tmf-ctk.js');
    const bad = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown command "frobnicate"/);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: tmf-ctk <command>/);
  });
  it('stops quietly when its reader goes away (tmf-ctk export | head)', async () => {
    const bin = join(projectRoot, 'bin', 'tmf-ctk.js');
    const child = spawn(process.execPath, [bin, 'export', '--api', 'TMF666'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('close', r));
    assert.equal(err, '', 'no EPIPE stack trace');
    assert.equal(code, 0);
  });
});

describe('CI and colour switches', () => {
  it('CI counts when set to anything but empty, false or 0', async () => {
    const { inCI, useColor } = await import('../../src/cli/io.js');
    for (const v of ['true', '1', 'yes', 'TRUE']) assert.equal(inCI({ CI: v }), true, v);
    for (const v of [undefined, '', 'false', '0']) assert.equal(inCI(v === undefined ? {} : { CI: v }), false, String(v));
    const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
    assert.equal(useColor({}, tty), true);
    assert.equal(useColor({ CI: '1' }, tty), false);
    assert.equal(useColor({ NO_COLOR: '1', FORCE_COLOR: '1' }, tty), false);
  });

  it('CI=true quiets the console to failing cases and the summary; CI=false does not', async () => {
    const base = { ...process.env, NO_COLOR: '1' };
    const quiet = await runCli(['run', '--target', 'http://127.0.0.1:9', '--api', 'TMF663', '--out', mkdtempSync(join(tmpdir(), 'ci-q-'))], { env: { ...base, CI: 'true' } });
    const loud = await runCli(['run', '--target', 'http://127.0.0.1:9', '--api', 'TMF663', '--out', mkdtempSync(join(tmpdir(), 'ci-l-'))], { env: { ...base, CI: 'false' } });
    assert.equal(quiet.code, 2);
    assert.equal(loud.code, 2);
    assert.doesNotMatch(quiet.out, /NOT RUN TC_/);
    assert.match(loud.out, /NOT RUN TC_/);
  });
});

describe('a mistyped option', () => {
  it('names the option meant when one is a typo away, and nothing when none is', async () => {
    const typo = await runCli(['run', '--taget', 'http://127.0.0.1:9', '--api', 'TMF663']);
    assert.equal(typo.code, 2);
    assert.match(typo.err, /^error \[USAGE\]: Unknown option '--taget': did you mean --target\?$/m);
    const swapped = await runCli(['mock', '--prot', '0']);
    assert.match(swapped.err, /did you mean --port\?/);
    const far = await runCli(['run', '--zzz']);
    assert.equal(far.code, 2);
    assert.match(far.err, /Unknown option '--zzz'/);
    assert.doesNotMatch(far.err, /did you mean/);
  });
});
