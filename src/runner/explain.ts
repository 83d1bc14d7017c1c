/**
 * Saying why, across the cases of one resource: a failure that another case explains points there.
 * PATCH2 (patch the id, expect a refusal) answered 2xx while PATCH1 shows the server applied no patch at all:
 * the id was not refused because the whole patch was ignored, not because the id is patchable.
 */
import type { CaseResult } from '../core/results.js';

const PATCH_IGNORED = /attributes patched not returned as sent/;

function patchOf(cases: readonly CaseResult[], patch2: CaseResult): CaseResult | undefined {
  const id = patch2.id.replace(/_PATCH2$/, '_PATCH1');
  return cases.find((c) => c.id === id);
}

/** The case with its reason explained by the cases before it (PATCH2 by PATCH1), or as it is. */
export function explainCase(c: CaseResult, before: readonly CaseResult[]): CaseResult {
  if (!c.id.endsWith('_PATCH2') || c.status !== 'fail') return c;
  const refusal = c.checks.find((k) => k.status === 'fail' && k.check === 'status-code-conformance' && /got 2\d\d/.test(k.reason ?? ''));
  const patch1 = patchOf(before, c);
  if (!refusal || !patch1 || patch1.status !== 'fail' || !PATCH_IGNORED.test(patch1.reason ?? '')) return c;
  return { ...c, reason: `patch the id: ${refusal.reason}; the id was not refused because the whole patch was ignored: ${patch1.id} failed the same way (${patch1.reason})` };
}
