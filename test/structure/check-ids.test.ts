/**
 * Check ids are typed: a suite naming an unknown check does not compile. `npm test` runs `tsc --noEmit` over
 * test/ first, so each `@ts-expect-error` below fails the build if the line it marks ever compiles (CheckUse.id
 * widened back to string). The runtime half: the table of checks and the list of ids stay the same set.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../src/checks/index.ts';
import { CHECK_IDS, isCheckId, type CheckId } from '../../src/core/check-ids.ts';
import type { Case, CheckUse } from '../../src/core/case-model.ts';
import { okChecks } from '../../src/suite/steps.ts';

// @ts-expect-error an unknown check id in a case's step does not compile
const unknownUse: CheckUse = { id: 'no-such-check' };

// @ts-expect-error a misspelt id passed to the step builders does not compile
const misspelt = okChecks('response-shema');

const flowCase: Case = {
  id: 'TC_Fixture_FLOW1', title: 'typed ids', api: 'TMF999', mandatory: false, feature: 'flows', cleanup: [],
  steps: [{ name: 'step', expect: [200], checks: [
    { id: 'status-code-conformance' },
    // @ts-expect-error a flow naming an unknown check does not compile
    { id: 'cart-total' },
  ] }],
};

describe('typed check ids', () => {
  it('CHECKS has exactly one function per id of CHECK_IDS, in that order', () => {
    assert.deepEqual(Object.keys(CHECKS), [...CHECK_IDS]);
    for (const id of CHECK_IDS) assert.equal(typeof CHECKS[id], 'function', id);
  });

  it('isCheckId accepts the listed ids only (config and imported collections are untrusted)', () => {
    const ids: readonly string[] = CHECK_IDS;
    assert.ok(ids.every(isCheckId));
    for (const wrong of ['no-such-check', '__proto__', 'constructor', '', 'Response-Schema']) assert.equal(isCheckId(wrong), false, wrong);
  });

  it('the values the type test marks are what a suite could have written', () => {
    const typed: CheckId[] = [...CHECK_IDS];
    assert.ok(!typed.includes(unknownUse.id));
    assert.equal(misspelt.at(-1)?.id, 'response-shema');
    assert.equal(flowCase.steps[0]?.checks.length, 2);
  });
});
