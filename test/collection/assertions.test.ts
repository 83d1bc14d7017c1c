/** A check result survives the trip through a pm.test name (and newman's assertion error) unchanged. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { assertionName, checkFromAssertion } from '../../src/collection/assertions.ts';
import { CHECK_IDS } from '../../src/checks/index.ts';
import type { CheckResult } from '../../src/core/results.ts';

const known = new Set(CHECK_IDS);
const text = fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0 && !s.includes(' — advisory: '));

function roundTrip(r: CheckResult): CheckResult {
  const name = assertionName(r);
  return checkFromAssertion({ name, skipped: r.status === 'skip', ...(r.status === 'fail' ? { error: r.reason ?? '' } : {}) }, known);
}

test('pass, fail and skip results read back as written', () => {
  const result = fc.record({
    check: fc.constantFrom(...CHECK_IDS),
    status: fc.constantFrom('pass', 'fail', 'skip') as fc.Arbitrary<CheckResult['status']>,
    reason: fc.option(text, { nil: undefined }),
    source: fc.option(fc.constantFrom('TMF630', 'document', 'profile', 'kit', 'RFC') as fc.Arbitrary<NonNullable<CheckResult['source']>>, { nil: undefined }),
    advisory: fc.option(text, { nil: undefined }),
  });
  fc.assert(fc.property(result, (r) => {
    // What each status carries: a skip has no source or advisory, a fail no advisory, a fail always a reason.
    const expected: CheckResult = {
      check: r.check, status: r.status,
      ...(r.reason || r.status === 'fail' ? { reason: r.reason ?? 'x' } : {}),
      ...(r.source && r.status !== 'skip' ? { source: r.source } : {}),
      ...(r.advisory && r.status === 'pass' ? { advisory: r.advisory } : {}),
    };
    assert.deepEqual(roundTrip(expected), expected);
  }), { numRuns: 500 });
});

test('names shown in newman read well', () => {
  assert.equal(assertionName({ check: 'status-code-conformance', status: 'pass', reason: '206', source: 'TMF630', advisory: '206 is not declared' }),
    'status-code-conformance [TMF630]: 206 — advisory: 206 is not declared');
  assert.equal(assertionName({ check: 'mandatory-attributes', status: 'fail', reason: 'misses href', source: 'profile' }), 'mandatory-attributes [profile]');
  assert.equal(assertionName({ check: 'list-contains', status: 'skip', reason: 'partial list' }), 'list-contains: partial list');
});

test("another kit's assertions are checks named after them", () => {
  assert.deepEqual(checkFromAssertion({ name: 'Status code is 201', skipped: false }, known), { check: 'Status code is 201', status: 'pass' });
  assert.deepEqual(checkFromAssertion({ name: 'Body: has id', skipped: false, error: 'expected undefined to exist' }, known),
    { check: 'Body: has id', status: 'fail', reason: 'expected undefined to exist' });
  assert.deepEqual(checkFromAssertion({ name: 'json-body', skipped: false }, new Set()), { check: 'json-body', status: 'pass' });
});
