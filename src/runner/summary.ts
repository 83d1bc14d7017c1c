/** Counting: per API and for the run, from the case results (the rules live in src/core/verdict.ts). */
export { runSummary, summarize } from '../core/verdict.js';
import { runSummary, summarize } from '../core/verdict.js';
import type { ApiResult, RunResult } from '../core/results.js';
import { mergeConfigurations } from './evidence.js';

/**
 * Several runs as one (native suites and TM Forum kits, `run --all --ctk`): the cases of one API, whichever run
 * made them, go into one API result, so the API's verdict fails when any of its sections fails. The runs'
 * configurations are merged too (mergeConfigurations): the documents and the kits, every header name.
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
  const configuration = mergeConfigurations(runs.map((r) => r.configuration));
  const { configuration: _first, ...base } = first;
  return {
    ...base, finishedAt, ...(configuration ? { configuration } : {}), durationMs: runs.reduce((n, r) => n + r.durationMs, 0),
    apis, summary: runSummary(apis, error !== undefined), ...(error ? { error } : {}),
  };
}
