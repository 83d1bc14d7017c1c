import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunResult } from '../../src/core/results.js';
import { startTmf663, type Fixture } from '../fixtures/targets/tmf663.js';
import { runCli } from '../helpers/cli.js';

/**
 * The config schema cannot know which APIs, resources and cases exist: a typo there used to be ignored in
 * silence (exit 0, the vendor's payload never sent). A run refuses it before sending anything.
 */
describe('tmf-ctk run: the config names APIs, resources and cases that exist', () => {
  let target: Fixture;
  let dir: string;
  before(async () => {
    target = await startTmf663();
    dir = await mkdtemp(join(tmpdir(), 'tmf-ctk-config-refs-'));
  });
  after(async () => {
    await target.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(name: string, config: unknown) {
    await writeFile(join(dir, `${name}.json`), JSON.stringify(config));
    const out = join(dir, name);
    const r = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--reporter', 'json', '--out', out, '--config', join(dir, `${name}.json`)]);
    return { ...r, out, reports: await readdir(out).catch(() => [] as string[]) };
  }

  async function refused(name: string, config: unknown, ...expected: RegExp[]): Promise<void> {
    const before = target.requests;
    const r = await run(name, config);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /error \[CONFIG_INVALID\]/);
    for (const e of expected) assert.match(r.err, e);
    assert.equal(target.requests, before, 'no request sent');
    assert.deepEqual(r.reports, [], 'no report written');
  }

  it('an unknown API id: its pointer and the valid ids', async () => {
    await refused('api', { apis: { TMF633: { skipFeatures: ['notifications'] } } }, /\/apis\/TMF633: no such API \(valid: [^)]*TMF663/);
  });

  it('a payload for a resource the API does not have: its pointer and the resources', async () => {
    await refused('payload', { apis: { TMF663: { payloads: { shopingCart: { minimal: { name: 'x' } } } } } },
      /\/apis\/TMF663\/payloads\/shopingCart: TMF663 has no resource "shopingCart" \(valid: shoppingCart\)/);
  });

  it('a skipped case that does not exist: its pointer and the cases of that resource', async () => {
    await refused('case', { apis: { TMF663: { skipCases: ['TC_ShoppingCart_N1', 'TC_ShoppingCart_FLOW9'] } } },
      /\/apis\/TMF663\/skipCases\/1: TMF663 has no case "TC_ShoppingCart_FLOW9" \(valid: TC_ShoppingCart_N1, /);
  });

  it('every problem is named at once', async () => {
    await refused('all', { apis: { TMF633: {}, TMF663: { payloads: { cart: {} }, skipCases: ['nope'] } } },
      /\/apis\/TMF633/, /\/apis\/TMF663\/payloads\/cart/, /\/apis\/TMF663\/skipCases\/0/);
  });

  it('a correct config runs; an entry for a known API that is not run is accepted', async () => {
    const r = await run('ok', {
      apis: {
        TMF622: { skipFeatures: ['flows'] },
        TMF663: { skipCases: ['TC_ShoppingCart_NOTIF1'], payloads: { shoppingCart: { minimal: { name: 'vendor cart {{runId}}' } } } },
      },
    });
    assert.equal(r.code, 0, r.out + r.err);
    const saved = JSON.parse(await readFile(join(r.out, 'results.json'), 'utf8')) as RunResult;
    const cases = saved.apis[0]!.cases;
    assert.equal(cases.find((c) => c.id === 'TC_ShoppingCart_NOTIF1')!.status, 'excluded');
    const sent = cases.flatMap((c) => c.exchanges).map((x) => x.request.body).filter((b): b is string => typeof b === 'string');
    assert.ok(sent.some((b) => b.includes('vendor cart')), "the vendor's payload was sent");
  });
});
