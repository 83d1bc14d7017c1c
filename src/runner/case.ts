/**
 * Runs one case: its steps in order with one set of captured values, then its cleanup (recorded, never
 * judged). A transport failure stops the case; so does a failed step whose captures later steps need.
 */
import type { RunEmitter } from './events.js';
import type { TransportKind } from './http-client.js';
import type { CaseExclusion, CaseResult, CaseStatus, CheckResult, Exchange } from '../core/results.js';
import { runStep, type StepEnv } from './step.js';
import type { Case } from '../core/case-model.js';
import type { Vars } from '../core/template.js';
import { checksOf, subscriptionRefusal } from '../core/outcome.js';
import { settleCase } from '../core/verdict.js';

export interface CaseEnv extends StepEnv {
  emitter: RunEmitter;
  runId: string;
  /** Rewords a finished case's reason from the cases before it (see explain.ts), before it is announced. */
  explain?: (result: CaseResult) => CaseResult;
  /** The config's reason for each disabled check. */
  checkReasons?: ReadonlyMap<string, string>;
}

export interface CaseRun {
  result: CaseResult;
  /** Transport failures in a row at the end of the case (the API's breaker counts them). */
  transport?: TransportKind;
  /** Whether any request of the case got an HTTP answer. */
  answered: boolean;
  /** What went wrong, in the check's words (a transport error: `create: connection refused …`). */
  failure?: string;
}

/** A case that was not sent: not applicable, excluded by the config, or not run (the run could not complete). */
export function skippedCase(c: Case, reason: string, status: Exclude<CaseStatus, 'pass' | 'fail'>, exclusion?: CaseExclusion): CaseResult {
  return { id: c.id, title: c.title, api: c.api, ...(c.resource ? { resource: c.resource } : {}), mandatory: c.mandatory, status, reason,
    ...(exclusion ? { exclusion } : {}), exchanges: [], checks: [], advisories: [], durationMs: 0 };
}

/** The checks this case relies on that the config disabled, as an exclusion. */
function disabledExclusion(c: Case, env: CaseEnv): CaseExclusion | undefined {
  const names = checksOf(c).filter((id) => env.disabledChecks.has(id));
  if (names.length === 0) return undefined;
  const given = [...new Set(names.map((id) => env.checkReasons?.get(id) ?? 'no reason given in the config'))];
  return { by: 'disableChecks', names, reason: given.join('; ') };
}


async function runCleanup(c: Case, vars: Vars, env: CaseEnv, exchanges: Exchange[]): Promise<void> {
  for (const step of c.cleanup) {
    const out = await runStep({ ...step, checks: [] }, vars, env);
    if (out.exchange) exchanges.push(out.exchange);
  }
}

/**
 * A case stopped by its setup says so and points at the case that sends the same request:
 * "setup: create with the richest payload refused (expected 201, got 400 — server said: …); see TC_ProductOrder_N2".
 */
function setupFailure(c: Case, checks: readonly CheckResult[], exchanges: readonly Exchange[]): string | undefined {
  const f = checks.find((k) => k.status === 'fail');
  const name = f?.exchange !== undefined ? exchanges[f.exchange]?.step : undefined;
  const setup = c.steps.find((s) => s.name === name)?.setup;
  if (!f || !setup || setup.seeCase === c.id) return undefined;
  const why = `${f.check === 'status-code-conformance' || f.check === 'response-received' ? '' : `${f.check}: `}${f.reason ?? 'failed'}`;
  return `setup: ${setup.what} ${f.check === 'status-code-conformance' ? 'refused' : 'failed'} (${why}); see ${setup.seeCase}`;
}

export async function runCase(c: Case, env: CaseEnv): Promise<CaseRun> {
  const t0 = performance.now();
  const emit = env.emitter.emit.bind(env.emitter);
  emit({ type: 'caseStart', api: c.api, caseId: c.id, title: c.title, mandatory: c.mandatory });
  const vars: Vars = { runId: env.runId, baseUrl: env.baseUrl, listener: { url: env.listener?.url ?? '' } };
  const exchanges: Exchange[] = [];
  const checks: CheckResult[] = [];
  const advisories = new Set<string>();
  let transport: TransportKind | undefined;
  let answered = false;
  let inconclusive: string | undefined;
  for (const step of c.steps) {
    const out = await runStep(step, vars, env);
    const index = out.exchange ? exchanges.push(out.exchange) - 1 : undefined;
    if (out.exchange) emit({ type: 'exchange', api: c.api, caseId: c.id, exchange: out.exchange });
    if (out.exchange?.response && !step.event) answered = true;
    if (out.advisory) advisories.add(out.advisory);
    for (const r of out.checks) {
      const result = index === undefined ? r : { ...r, exchange: index };
      checks.push(result);
      if (result.advisory) advisories.add(result.advisory);
      emit({ type: 'check', api: c.api, caseId: c.id, result });
    }
    transport = out.transport;
    const failed = out.checks.some((r) => r.status === 'fail');
    inconclusive = out.inconclusive ? `inconclusive: ${out.inconclusive}` : undefined;
    if (out.transport || inconclusive || (failed && step.capture?.length)) break;
  }
  if (!transport) await runCleanup(c, vars, env, exchanges);
  const exclusion = disabledExclusion(c, env);
  const settled = settleCase(checks, exchanges, exclusion?.names ?? []);
  // No request of the case reached the target (refused, DNS): the case could not be run, which is not a failure
  // of the target's API; the run's verdict is ERROR (docs/verdict.md).
  const unrun = transport === 'unreachable' && !answered;
  // A polled state not seen in time is inconclusive (skipped with its reason), unless a check failed.
  const status = unrun ? 'not-run' : settled.status !== 'fail' && inconclusive ? 'skip' : settled.status;
  const reason = unrun ? `not run: the target is unreachable (${settled.reason ?? transport})`
    : status === 'fail' ? setupFailure(c, checks, exchanges) ?? subscriptionRefusal(c, checks, exchanges) ?? settled.reason
      : status === 'skip' && inconclusive ? inconclusive : settled.reason;
  const result: CaseResult = {
    id: c.id, title: c.title, api: c.api, ...(c.resource ? { resource: c.resource } : {}), mandatory: c.mandatory,
    status, ...(reason ? { reason } : {}), ...(exclusion ? { exclusion } : {}),
    exchanges, checks, advisories: [...advisories], durationMs: Math.round(performance.now() - t0),
  };
  const explained = env.explain ? env.explain(result) : result;
  emit({ type: 'caseEnd', api: c.api, result: explained });
  return { result: explained, ...(transport ? { transport } : {}), answered, ...(settled.reason ? { failure: settled.reason } : {}) };
}
