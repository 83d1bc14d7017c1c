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

/**
 * Several runs as one (native suites and TM Forum kits, `run --all --ctk`): the cases of one API, whichever run
 * made them, go into one API result, so the API's verdict fails when any of its sections fails.
 */
export function mergeRuns(runs: readonly RunResult[]): RunResult {
  const [first, ...rest] = runs;
  if (!first) throw new Error('mergeRuns needs at least one run');
  const apis: ApiResult[] = [];
  for (const api of runs.flatMap((r) => r.apis)) {
    const same = apis.findIndex((a) => a.id === api.id && a.version === api.version);
    if (same < 0) apis.push(api);
    else {
      const cases = [...apis[same]!.cases, ...api.cases];
      apis[same] = { ...apis[same]!, cases, summary: summarize(cases), durationMs: apis[same]!.durationMs + api.durationMs };
    }
  }
  const error = runs.find((r) => r.error)?.error;
  const finishedAt = rest.length ? rest[rest.length - 1]!.finishedAt : first.finishedAt;
  return {
    ...first, finishedAt, durationMs: runs.reduce((n, r) => n + r.durationMs, 0),
    apis, summary: runSummary(apis, error !== undefined), ...(error ? { error } : {}),
  };
}
