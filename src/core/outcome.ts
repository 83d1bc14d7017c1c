/**
 * How a case's outcome is worded, in one place: native runs and Postman runs (the recorder) use the same
 * helpers, so both always reach the same verdict and say it the same way.
 */
import type { Case } from './case-model.js';
import type { CheckResult, Exchange } from './results.js';

/** The first failing check, with its step: "create: status-code-conformance: expected 201, got 400". */
export function firstFailure(checks: readonly CheckResult[], exchanges: readonly Exchange[]): string | undefined {
  const f = checks.find((c) => c.status === 'fail');
  if (!f) return undefined;
  const step = f.exchange !== undefined ? exchanges[f.exchange]?.step : undefined;
  return `${step ? `${step}: ` : ''}${f.check === 'response-received' ? '' : `${f.check}: `}${f.reason ?? 'failed'}`;
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
