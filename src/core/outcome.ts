/**
 * How a case's outcome is worded, in one place: native runs and Postman runs (the recorder) use the same
 * helpers, so both always reach the same verdict and say it the same way.
 */
import type { Case, Step } from './case-model.js';
import type { CheckResult, Exchange } from './results.js';

/** The first failing check, with its step: "create: status-code-conformance: expected 201, got 400". */
export function firstFailure(checks: readonly CheckResult[], exchanges: readonly Exchange[]): string | undefined {
  const f = checks.find((c) => c.status === 'fail');
  if (!f) return undefined;
  const step = f.exchange !== undefined ? exchanges[f.exchange]?.step : undefined;
  return `${step ? `${step}: ` : ''}${f.check === 'response-received' ? '' : `${f.check}: `}${f.reason ?? 'failed'}`;
}

/** The prefix of the reason of a polled state not seen in time (runner and sandbox alike). */
export const NOT_OBSERVED = 'not observed within';

/**
 * A state the step polled for and did not see before the wait ended: its `until` check becomes a skip with
 * "not observed within N s" (the wait is the config's flowTimeoutMs, not a rule of any document). Returns the
 * case's inconclusive reason, or undefined when the state was reached.
 */
export function markNotObserved(step: Pick<Step, 'name' | 'poll'>, results: CheckResult[]): string | undefined {
  if (!step.poll) return undefined;
  const i = results.findIndex((r) => r.check === step.poll!.until.id && r.status === 'fail');
  if (i < 0) return undefined;
  const seconds = Math.round((step.poll.timeoutMs / 1000) * 10) / 10;
  const reason = `${NOT_OBSERVED} ${seconds} s (${results[i]!.reason ?? 'state not reached'}); the wait is set by flowTimeoutMs in the config`;
  results[i] = { ...results[i]!, status: 'skip', reason };
  return `${step.name}: ${reason}`;
}

/** The inconclusive reason of a case whose polled state was not seen in time, from its checks. */
export function inconclusiveReason(checks: readonly CheckResult[], exchanges: readonly Exchange[]): string | undefined {
  const k = checks.find((c) => c.status === 'skip' && c.reason?.startsWith(NOT_OBSERVED));
  if (!k) return undefined;
  const step = k.exchange !== undefined ? exchanges[k.exchange]?.step : undefined;
  return `inconclusive: ${step ? `${step}: ` : ''}${k.reason}`;
}

/** What a run's configuration excludes, as sets. */
export interface Exclusions {
  skipCases: ReadonlySet<string>;
  skipFeatures: ReadonlySet<string>;
}

/** Why a case is not sent: not applicable to the document, or excluded by the config. */
export function skipReason(c: Pick<Case, 'id' | 'feature' | 'notApplicable'>, s: Exclusions): string | undefined {
  if (c.notApplicable) return `not applicable: ${c.notApplicable}`;
  if (s.skipCases.has(c.id)) return 'skipped by the config (skipCases)';
  if (s.skipFeatures.has(c.feature)) return `skipped by the config (feature ${c.feature})`;
  return undefined;
}
