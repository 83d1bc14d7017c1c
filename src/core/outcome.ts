/**
 * How a case's outcome is worded, in one place: native runs and Postman runs (the recorder) use the same
 * helpers, so both always reach the same verdict and say it the same way.
 */
import type { Case, Step } from './case-model.js';
import type { CaseExclusion, CheckResult, Exchange } from './results.js';

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

/** The check ids a case's steps rely on (cleanup is never judged). */
export function checksOf(c: Pick<Case, 'steps'>): string[] {
  return [...new Set(c.steps.flatMap((s) => [...s.checks.map((k) => k.id), ...(s.poll ? [s.poll.until.id] : [])]))];
}

/** The target's own words from an error body: TMF630 Error `reason`/`message`/`code`, or the start of the text. */
function targetMessage(body: string | undefined): string {
  try {
    const j = JSON.parse(body ?? '') as Record<string, unknown>;
    const words = ['reason', 'message', 'code'].map((k) => j[k]).filter((v): v is string => typeof v === 'string' && v !== '');
    if (words.length > 0) return [...new Set(words)].join(': ').slice(0, 300);
  } catch { /* not JSON */ }
  const text = (body ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return text === '' ? 'no message' : text;
}

/**
 * When the target refused the runner's hub subscription (4xx/5xx on the hub's register step), the case's reason
 * quotes the target: `CALLBACK_REFUSED: … answered 400 "callback host not allowed"`, so a vendor sees it is their
 * callback policy (a listener URL it cannot reach, see `listener.publicUrl`), not a missing feature.
 */
export function subscriptionRefusal(c: Pick<Case, 'steps'>, checks: readonly CheckResult[], exchanges: readonly Exchange[]): string | undefined {
  const register = new Set(c.steps.filter((s) => s.op && 'hub' in s.op && s.op.hub === 'register').map((s) => s.name));
  const failed = checks.find((k) => k.status === 'fail');
  const ex = failed?.exchange !== undefined ? exchanges[failed.exchange] : undefined;
  if (!ex || !register.has(ex.step) || !ex.response || ex.response.status < 400) return undefined;
  let callback = '';
  try {
    callback = String((JSON.parse(ex.request.body ?? '{}') as { callback?: unknown }).callback ?? '');
  } catch { /* body not JSON: no callback to name */ }
  return `CALLBACK_REFUSED: the target refused to subscribe the listener${callback ? ` ${callback}` : ''}: it answered ${ex.response.status} "${targetMessage(ex.response.body)}"`
    + ' (if it cannot reach this machine, set listener.publicUrl in the config)';
}
