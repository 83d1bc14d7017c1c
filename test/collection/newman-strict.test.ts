/**
 * Strict mode in an exported collection, as in a native run: every answer is judged with the default reading,
 * the leniencies taken are remembered, and the API's last item, TC_<API>_STRICT, fails once per leniency taken
 * with the native strict case's reasons. Without strict mode the collection has no such item.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCollection } from '../../src/collection/index.ts';
import { LENIENCIES_VARIABLE } from '../../src/collection/suite-json.ts';
import { createMockServer, exportApi, runConformance } from '../../src/composition.ts';
import type { CaseResult, RunResult } from '../../src/core/results.ts';
import type { MockServer } from '../../src/mock/server.ts';
import { strictCaseId } from '../../src/runner/strict.ts';
import { startRewritingProxy } from '../fixtures/targets/rewrite-proxy.ts';

const STRICT = strictCaseId('TMF663');
const failedChecks = (r: RunResult) => r.apis.flatMap((a) => a.cases.flatMap((c) => c.checks.filter((k) => k.status === 'fail').map((k) => `${c.id} ${k.check}: ${k.reason}`)));
const strictOf = (r: RunResult): CaseResult => r.apis[0]!.cases.find((c) => c.id === STRICT)!;
const judged = (c: CaseResult) => ({ id: c.id, title: c.title, mandatory: c.mandatory, status: c.status, reason: c.reason, checks: c.checks, advisories: c.advisories });

describe('an exported collection in strict mode fails once per leniency, like a native run', () => {
  let mock: MockServer;
  let direct: string;
  let proxy: { url: string; close(): Promise<void> };
  before(async () => {
    mock = createMockServer({ apis: ['TMF663'], log: () => undefined });
    direct = await mock.listen();
    // The only difference from the mock: application/json without the charset the document declares (json-charset).
    proxy = await startRewritingProxy(direct, (_req, a) => ({ ...a, headers: { ...a.headers, ...(a.headers['content-type'] ? { 'content-type': a.headers['content-type'].replace(/;\s*charset=utf-8/i, '') } : {}) } }));
  });
  after(async () => { await proxy.close(); await mock.close(); });

  // Natively without the notification cases, which Postman cannot run (their creates take the leniency too).
  const native = (target: string, strict: boolean | string[]) => runConformance({ target, apis: ['TMF663'], strict, timeoutMs: 5000,
    config: { apis: { TMF663: { skipFeatures: ['notifications'] } } } });
  const newman = async (target: string, strict: boolean | string[]) => runCollection({ collection: await exportApi('TMF663', { config: { strict } }), target, timeoutMs: 5000 });

  it('the strict item comes last only in strict mode', async () => {
    const plain = await exportApi('TMF663');
    assert.equal(plain.item.some((f) => f.id === STRICT), false);
    assert.equal(plain.variable?.some((v) => v.key === LENIENCIES_VARIABLE), false);
    const strict = await exportApi('TMF663', { config: { strict: ['json-charset'] } });
    assert.equal(strict.item.at(-1)!.id, STRICT);
    assert.match(strict.item.at(-1)!.name!, /^TC_TMF663_STRICT Strict mode \(json-charset\): /);
  });

  it('--strict=json-charset: one failure on the strict item, the native reason; the mock: none', async () => {
    const [ours, theirs] = [await newman(proxy.url, ['json-charset']), await native(proxy.url, ['json-charset'])];
    const failed = failedChecks(ours);
    assert.equal(failed.length, 1, failed.join('\n'));
    assert.deepEqual(failed, failedChecks(theirs));
    assert.match(failed[0]!, /^TC_TMF663_STRICT strict: strict: \[json-charset\] the declared media type — the target took the other reading \(application\/json\) in \d+ case\(s\): TC_ShoppingCart_N1, /);
    assert.ok(Number(/in (\d+) case\(s\)/.exec(failed[0]!)![1]) > 1, 'the leniency was taken by several cases, and counted once');
    assert.deepEqual(judged(strictOf(ours)), judged(strictOf(theirs)));
    assert.equal(ours.apis[0]!.cases.at(-1)!.id, STRICT);
    assert.equal(ours.apis[0]!.cases.filter((c) => c.status === 'fail').length, 1);
    assert.equal(ours.summary.verdict, 'not conformant');

    const clean = await newman(direct, ['json-charset']);
    assert.deepEqual(failedChecks(clean), []);
    assert.deepEqual(strictOf(clean).checks.map((k) => `${k.status} ${k.reason}`), ['pass [json-charset] not taken']);
    assert.equal(clean.summary.verdict, 'conformant');
  });

  it('--strict (every leniency): the same strict case as natively, one failure per leniency taken', async () => {
    const [ours, theirs] = [await newman(proxy.url, true), await native(proxy.url, true)];
    const failed = failedChecks(ours);
    assert.deepEqual(failed, failedChecks(theirs));
    assert.ok(failed.length >= 1);
    assert.ok(failed.every((f) => f.startsWith(`${STRICT} strict: strict: [`)), failed.join('\n'));
    const ids = failed.map((f) => /\[([a-z-]+)\]/.exec(f)![1]);
    assert.equal(new Set(ids).size, ids.length, 'one failure per leniency');
    assert.ok(ids.includes('json-charset'));
    assert.deepEqual(judged(strictOf(ours)), judged(strictOf(theirs)));
  });
});
