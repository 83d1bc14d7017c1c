/**
 * The verdict, decided in one place (docs/verdict.md). Runners settle each case with `settleCase`, count with
 * `summarize`/`runSummary`; reporters only render `verdictWord`/`verdictDetail`; the CLI exits with `exitCodeFor`.
 * The party being tested writes the config, so nothing in it may turn a failure into CONFORMANT in silence:
 * - a case that ran no check never passes (`skip`);
 * - a mandatory case excluded by the config (skipCases, skipFeatures, or a disabled check it relies on) makes the
 *   verdict `conformant with exclusions` at best;
 * - a case never sent because the run could not complete is `not-run`, and the verdict is `error`.
 */
import type { ApiResult, ApiSummary, CaseResult, CaseStatus, CheckResult, Counts, Exchange, Verdict } from './results.js';
import { firstFailure } from './outcome.js';

export const zeroCounts = (): Counts => ({ passed: 0, failed: 0, skipped: 0, notRun: 0, notApplicable: 0, excluded: 0 });

const COUNT_KEY: Record<CaseStatus, keyof Counts> = {
  pass: 'passed', fail: 'failed', skip: 'skipped', 'not-run': 'notRun', 'not-applicable': 'notApplicable', excluded: 'excluded',
};

export function addTo(c: Counts, status: CaseStatus | CheckResult['status']): void {
  c[COUNT_KEY[status] ?? 'failed'] += 1;
}

export const totalOf = (c: Counts): number => c.passed + c.failed + c.skipped + c.notRun + c.notApplicable + c.excluded;

/**
 * The state of a case that was sent, from its checks: a failing check fails it; otherwise disabled checks it
 * relies on exclude it; otherwise it passes only if at least one check passed.
 */
export function settleCase(checks: readonly CheckResult[], exchanges: readonly Exchange[], disabled: readonly string[]): { status: CaseStatus; reason?: string } {
  const failure = firstFailure(checks, exchanges);
  if (failure) return { status: 'fail', reason: failure };
  if (disabled.length > 0) return { status: 'excluded', reason: `checks disabled by the config: ${disabled.join(', ')}` };
  if (!checks.some((c) => c.status === 'pass')) {
    const why = checks.find((c) => c.status === 'skip')?.reason;
    return { status: 'skip', reason: `no check ran${why ? `: ${why}` : ''}` };
  }
  return { status: 'pass' };
}

/** An API's verdict from its mandatory counts; `incomplete` when any of its cases could not be run. */
export function verdictOf(mandatory: Counts, incomplete: boolean): Verdict {
  if (incomplete) return 'error';
  if (mandatory.failed > 0 || mandatory.skipped > 0 || mandatory.passed === 0) return 'not conformant';
  if (mandatory.excluded > 0) return 'conformant with exclusions';
  return 'conformant';
}

export function summarize(cases: readonly CaseResult[], incomplete = false): ApiSummary {
  const s = { cases: zeroCounts(), mandatory: zeroCounts(), optional: zeroCounts(), checks: zeroCounts(), requests: 0, advisories: 0 };
  for (const c of cases) {
    addTo(s.cases, c.status);
    addTo(c.mandatory ? s.mandatory : s.optional, c.status);
    for (const k of c.checks) addTo(s.checks, k.status);
    s.requests += c.exchanges.length;
    s.advisories += (c.advisories ?? []).length;
  }
  const verdict = verdictOf(s.mandatory, incomplete || s.cases.notRun > 0);
  return { ...s, verdict, conformant: verdict === 'conformant' };
}

const RANK: Verdict[] = ['error', 'not conformant', 'conformant with exclusions', 'conformant'];

/** The run's verdict is its worst API's (no API at all: not conformant). */
export function runSummary(apis: readonly ApiResult[], error: boolean): ApiSummary {
  const s = summarize(apis.flatMap((a) => a.cases));
  const worst = apis.length === 0 ? 'not conformant' : RANK.find((v) => apis.some((a) => a.summary.verdict === v)) ?? 'not conformant';
  const verdict: Verdict = error ? 'error' : worst;
  return { ...s, verdict, conformant: verdict === 'conformant' };
}

/** The verdict as the console and JUnit headline say it. */
export function verdictWord(v: Verdict): string {
  return v.toUpperCase();
}

const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The mandatory counts in one sentence, the same in every report:
 * `8 of 8 applicable mandatory cases passed; 1 not applicable`.
 */
export function verdictDetail(m: Counts): string {
  const applicable = totalOf(m) - m.notApplicable;
  const head = m.failed > 0
    ? `${m.failed} of ${n(applicable, 'applicable mandatory case')} failed`
    : `${m.passed} of ${n(applicable, 'applicable mandatory case')} passed`;
  const tail = [
    m.failed > 0 && m.passed > 0 ? `${m.passed} passed` : '',
    m.skipped > 0 ? `${m.skipped} ran no check` : '',
    m.excluded > 0 ? `${m.excluded} excluded by the config` : '',
    m.notRun > 0 ? `${m.notRun} not run` : '',
    m.notApplicable > 0 ? `${m.notApplicable} not applicable` : '',
  ].filter(Boolean);
  return [head, ...tail].join('; ');
}

/** Exit codes (docs/verdict.md): 0 conformant, 1 not conformant, 2 error, 3 conformant with exclusions (1 with `--no-exclusions`). */
export function exitCodeFor(v: Verdict, options: { noExclusions?: boolean } = {}): number {
  if (v === 'conformant') return 0;
  if (v === 'conformant with exclusions') return options.noExclusions ? 1 : 3;
  if (v === 'error') return 2;
  return 1;
}
