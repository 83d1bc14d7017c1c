import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isCtkError } from '../../src/errors.js';
import { validateConfig } from '../../src/runner/config.js';
import type { RunResult } from '../../src/core/results.js';
import { runConformance } from '../../src/composition.js';
import { startTmf663, type Fixture } from '../fixtures/targets/tmf663.js';
import { runCli } from '../helpers/cli.js';

const invalid = (data: unknown): string => {
  try {
    validateConfig(data);
  } catch (e) {
    assert.ok(isCtkError(e) && e.code === 'CONFIG_INVALID');
    return e.message;
  }
  assert.fail('accepted');
};

describe('config validation', () => {
  it('accepts the documented example', () => {
    validateConfig({
      timeoutMs: 5000, headers: { Authorization: 'Bearer x' }, disableChecks: ['href-resolvable'],
      apis: { TMF622: { basePath: '/api/po/v4', skipFeatures: ['notifications'], skipCases: ['TC_ProductOrder_FLOW1'], payloads: { productOrder: { minimal: { productOrderItem: [] } } } } },
    });
  });
  it('names every problem by JSON pointer', () => {
    assert.match(invalid({ timeout: 1 }), /\(root\) must NOT have additional properties "timeout"/);
    assert.match(invalid({ disableChecks: ['no-such-check'] }), /\/disableChecks\/0 must be equal to one of the allowed values: one of response-received/);
    assert.match(invalid({ apis: { TMF622: { basePath: 'api' } } }), /\/apis\/TMF622\/basePath must match pattern/);
    assert.match(invalid({ apis: { TMF622: { skipFeatures: ['everything'] } } }), /skipFeatures\/0/);
  });
});

describe('tmf-ctk run', () => {
  let target: Fixture;
  let out: string;
  before(async () => {
    target = await startTmf663(['bad-href']);
    out = await mkdtemp(join(tmpdir(), 'tmf-ctk-cli-'));
  });
  after(async () => {
    await target.close();
    await rm(out, { recursive: true, force: true });
  });

  it('usage errors exit 2', async () => {
    assert.equal((await runCli(['run', '--api', 'TMF663'])).code, 2);
    assert.equal((await runCli(['run', '--target', target.url])).code, 2);
    assert.match((await runCli(['run', '--target', 'nope', '--api', 'TMF663'])).err, /USAGE.*not a URL/);
    assert.match((await runCli(['run', '--target', target.url, '--api', 'TMF663', '--reporter', 'pdf'])).err, /unknown reporter "pdf"/);
    await writeFile(join(out, 'bad.json'), '{"apis": 3}');
    const bad = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--config', join(out, 'bad.json')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /CONFIG_INVALID/);
  });

  it('a mandatory failure exits 1; results.json is written; user headers never appear in it', async () => {
    const run = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--out', out, '--reporter', 'json', '--header', 'Authorization: Bearer s3cret', '--header', 'X-Tenant: t1']);
    assert.equal(run.code, 1, run.err);
    assert.match(run.out, /^12 passed, 2 failed, 1 not applicable$/m);
    const text = await readFile(join(out, 'results.json'), 'utf8');
    assert.doesNotMatch(text, /s3cret|t1"/);
    const saved = JSON.parse(text) as RunResult;
    assert.equal(saved.schemaVersion, 2);
    assert.equal(saved.apis[0]!.cases[0]!.exchanges[0]!.request.headers.authorization, undefined);
    assert.equal(saved.apis[0]!.cases[0]!.exchanges[0]!.request.headers.Authorization, '[redacted]');
  });

  it('the config disables checks and skips features: exit 3 (conformant with exclusions) when every other mandatory case passes', async () => {
    await writeFile(join(out, 'ok.json'), JSON.stringify({ disableChecks: ['href-resolvable'], apis: { TMF663: { skipFeatures: ['notifications'] } } }));
    const run = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--out', out, '--reporter', 'json', '--config', join(out, 'ok.json')]);
    assert.equal(run.code, 3, run.out);
    const saved = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as RunResult;
    assert.equal(saved.summary.verdict, 'conformant with exclusions');
    const notif = saved.apis[0]!.cases.find((c) => c.id === 'TC_ShoppingCart_NOTIF1')!;
    assert.equal(notif.status, 'excluded');
    assert.equal(notif.reason, 'excluded by the config (skipFeatures notifications): no reason given in the config');
    assert.ok(saved.apis[0]!.cases.every((c) => c.checks.every((k) => k.check !== 'href-resolvable')));
  });

  it('company, product and release come from the config; --company wins', async () => {
    await writeFile(join(out, 'who.json'), JSON.stringify({ company: 'Config Telco', product: 'Hub', release: '2.3' }));
    const fromConfig = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--out', join(out, 'who'), '--reporter', 'json,html', '--config', join(out, 'who.json')]);
    const saved = JSON.parse(await readFile(join(out, 'who', 'results.json'), 'utf8')) as RunResult;
    assert.deepEqual([saved.company, saved.product, saved.release], ['Config Telco', 'Hub', '2.3'], fromConfig.err);
    assert.match(fromConfig.out, /ConfigTelco-TMF663-v4\.0\.0-HTMLReport\.html|Config[-_ ]?Telco-TMF663-v4\.0\.0-HTMLReport\.html/);
    await runCli(['run', '--target', target.url, '--api', 'TMF663', '--out', join(out, 'who2'), '--reporter', 'json', '--config', join(out, 'who.json'), '--company', 'CLI Co']);
    const cli = JSON.parse(await readFile(join(out, 'who2', 'results.json'), 'utf8')) as RunResult;
    assert.equal(cli.company, 'CLI Co');
    assert.equal(cli.product, 'Hub');
  });

  it('payloads and the base path can be replaced per API', async () => {
    const events: string[] = [];
    const result = await runConformance({
      target: `${target.url}/tmf-api`, apis: ['TMF663'], cases: ['TC_ShoppingCart_N2'], onEvent: (e) => events.push(e.type),
      config: { apis: { TMF663: { basePath: '/shoppingCart/v4', payloads: { shoppingCart: { rich: { relatedParty: [{ id: 'vendor-1', '@referredType': 'Individual' }] } } } } } },
    });
    const c = result.apis[0]!.cases[0]!;
    assert.match(c.exchanges[0]!.request.body ?? '', /vendor-1/);
    assert.equal(result.apis[0]!.baseUrl, `${target.url}/tmf-api/shoppingCart/v4`);
    assert.deepEqual([...new Set(events)], ['runStart', 'apiStart', 'caseStart', 'exchange', 'check', 'caseEnd', 'apiEnd', 'runEnd']);
  });
});
