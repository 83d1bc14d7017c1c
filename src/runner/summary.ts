/** Counting: per API and for the run, from the case results. */
import type { ApiResult, ApiSummary, CaseResult, Counts, RunResult } from '../core/results.js';

const zero = (): Counts => ({ passed: 0, failed: 0, skipped: 0 });

function add(c: Counts, status: 'pass' | 'fail' | 'skip'): void {
  if (status === 'pass') c.passed += 1;
  else if (status === 'fail') c.failed += 1;
  else c.skipped += 1;
}

export function summarize(cases: readonly CaseResult[]): ApiSummary {
  const s: ApiSummary = { cases: zero(), mandatory: zero(), optional: zero(), checks: zero(), requests: 0, advisories: 0, conformant: false };
  for (const c of cases) {
    add(s.cases, c.status);
    add(c.mandatory ? s.mandatory : s.optional, c.status);
    for (const k of c.checks) add(s.checks, k.status);
    s.requests += c.exchanges.length;
    s.advisories += c.advisories.length;
  }
  s.conformant = s.mandatory.failed === 0 && s.mandatory.passed > 0;
  return s;
}

export function runSummary(apis: readonly ApiResult[], error: boolean): RunResult['summary'] {
  const s = summarize(apis.flatMap((a) => a.cases));
  s.conformant = apis.length > 0 && apis.every((a) => a.summary.conformant);
  return { ...s, verdict: error ? 'error' : s.conformant ? 'conformant' : 'not conformant' };
}
