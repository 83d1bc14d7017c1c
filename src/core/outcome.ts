/**
 * How a case's outcome is worded, in one place: native runs and Postman runs (the recorder) use the same
 * helpers, so both always reach the same verdict and say it the same way.
 */
import type { Case } from './case-model.js';
import type { CaseExclusion, CheckResult, Exchange } from './results.js';

/** The first failing check, with its step: "create: status-code-conformance: expected 201, got 400". */
export function firstFailure(checks: readonly CheckResult[], exchanges: readonly Exchange[]): string | undefined {
  const f = checks.find((c) => c.status === 'fail');
  if (!f) return undefined;
  const step = f.exchange !== undefined ? exchanges[f.exchange]?.step : undefined;
  return `${step ? `${step}: ` : ''}${f.check === 'response-received' ? '' : `${f.check}: `}${f.reason ?? 'failed'}`;
}

/** What a run's configuration excludes, as sets (and, when known, the config's reasons by name). */
export interface Exclusions {
  skipCases: ReadonlySet<string>;
  skipFeatures: ReadonlySet<string>;
  reasons?: { cases: ReadonlyMap<string, string>; features: ReadonlyMap<string, string> };
}

/** Why a case is not sent: not applicable to the document, or excluded by the config (with the config's reason). */
export function notSent(c: Pick<Case, 'id' | 'feature' | 'notApplicable'>, s: Exclusions):
  { status: 'not-applicable'; reason: string } | { status: 'excluded'; reason: string; exclusion: CaseExclusion } | undefined {
  if (c.notApplicable) return { status: 'not-applicable', reason: `not applicable: ${c.notApplicable}` };
  const why = (r: string | undefined) => r ?? 'no reason given in the config';
  if (s.skipCases.has(c.id)) {
    const reason = why(s.reasons?.cases.get(c.id));
    return { status: 'excluded', reason: `excluded by the config (skipCases): ${reason}`, exclusion: { by: 'skipCases', names: [c.id], reason } };
  }
  if (s.skipFeatures.has(c.feature)) {
    const reason = why(s.reasons?.features.get(c.feature));
    return { status: 'excluded', reason: `excluded by the config (skipFeatures ${c.feature}): ${reason}`, exclusion: { by: 'skipFeatures', names: [c.feature], reason } };
  }
  return undefined;
}

/** Why a case is not sent, in words (Postman export). */
export function skipReason(c: Pick<Case, 'id' | 'feature' | 'notApplicable'>, s: Exclusions): string | undefined {
  return notSent(c, s)?.reason;
}

/** The check ids a case's steps rely on (cleanup is never judged). */
export function checksOf(c: Pick<Case, 'steps'>): string[] {
  return [...new Set(c.steps.flatMap((s) => [...s.checks.map((k) => k.id), ...(s.poll ? [s.poll.until.id] : [])]))];
}
