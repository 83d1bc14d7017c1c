/**
 * Runs one step: sends its request (or waits for its event), records the exchange, captures values and
 * applies the step's checks. Never throws for anything the target does.
 */
import { send, type TransportKind } from './http-client.js';
import { buildRequest } from './request.js';
import type { CheckResult, Exchange } from '../core/results.js';
import type { CheckUse, Step } from '../core/case-model.js';
import { applyChecks, capture, operationOf, parseBody } from '../checks/judge.js';
import { UnresolvedError, type Vars } from '../core/template.js';
import { waitForEvent } from './event-step.js';
import type { StepEnv } from './step-env.js';
import { markNotObserved } from '../core/outcome.js';
import { redactExchange } from '../core/redact.js';

export type { StepEnv } from './step-env.js';


export interface StepOutcome {
  exchange?: Exchange;
  checks: CheckResult[];
  /** A transport failure (the target misbehaved below HTTP). */
  transport?: TransportKind;
  advisory?: string;
  /** A polling step whose state was not observed in time: the case is inconclusive (no document sets a deadline). */
  inconclusive?: string;
}

/** The step's checks on its exchange (a transport failure is judged by `response-received` alone). */
export function judge(step: Step, ex: Exchange, env: StepEnv, vars: Vars, only?: CheckUse[]): CheckResult[] {
  if (ex.error) return [{ check: 'response-received', status: 'fail', reason: ex.error, source: 'TMF630' }];
  const base = { api: env.api, schemas: env.schemas, op: operationOf(env.api, step), expect: step.expect, strict: env.strict };
  return applyChecks(only ?? step.checks, ex, base, vars, env.disabledChecks);
}

export { capture, operationOf, parseBody };

/** Sends with the current bearer token when the target is behind OAuth2; a 401 gets one new token and one retry. */
async function sendAuthorized(built: ReturnType<typeof buildRequest>, env: StepEnv) {
  if (!env.auth) return send(built.http, env.client);
  const withToken = (value: string) => ({ ...built.http, headers: { ...built.http.headers, authorization: value } });
  built.recorded.headers.authorization = '[redacted]';
  const out = await send(withToken(await env.auth.authorization()), env.client);
  if (out.response?.status !== 401) return out;
  return send(withToken(`Bearer ${await env.auth.refresh()}`), env.client);
}

async function sendOnce(step: Step, vars: Vars, env: StepEnv): Promise<{ ex: Exchange; transport?: TransportKind; advisory?: string }> {
  const built = buildRequest(step.request!, vars, env);
  const startedAt = new Date().toISOString();
  const out = await sendAuthorized(built, env);
  const ex: Exchange = { step: step.name, request: built.recorded, startedAt,
    ...(out.response ? { response: out.response } : {}), ...(out.error ? { error: out.error } : {}),
    ...(out.redirects.length ? { redirects: out.redirects } : {}) };
  return { ex, transport: out.kind, advisory: built.advisory };
}

/** Sends, repeating while the step polls and its `until` check does not pass yet. */
async function sendPolling(step: Step, vars: Vars, env: StepEnv) {
  const deadline = Date.now() + (step.poll?.timeoutMs ?? 0);
  let attempts = 0;
  for (;;) {
    const sent = await sendOnce(step, vars, env);
    attempts += 1;
    const reached = !step.poll || sent.ex.error || judge(step, sent.ex, env, vars, [step.poll.until])[0]?.status !== 'fail';
    if (reached || Date.now() + step.poll!.intervalMs > deadline) {
      if (step.poll) sent.ex.attempts = attempts;
      return { ...sent, reached: Boolean(reached) };
    }
    await new Promise((r) => setTimeout(r, step.poll!.intervalMs));
  }
}

export async function runStep(step: Step, vars: Vars, env: StepEnv): Promise<StepOutcome> {
  try {
    if (step.event) {
      const ex = await waitForEvent(step, vars, env);
      return { exchange: redactExchange(ex), checks: judge(step, ex, env, vars) };
    }
    const { ex, transport, advisory, reached } = await sendPolling(step, vars, env);
    capture(step, ex, vars);
    const results = judge(step, ex, env, vars);
    const inconclusive = !reached ? markNotObserved(step, results) : undefined;
    // Captured and judged on what was received; recorded (results.json, every report) with credentials redacted.
    return { exchange: redactExchange(ex), checks: results, ...(transport ? { transport } : {}), ...(advisory ? { advisory } : {}), ...(inconclusive ? { inconclusive } : {}) };
  } catch (e) {
    if (!(e instanceof UnresolvedError)) throw e;
    const reason = `step "${step.name}" not sent: ${e.message}`;
    return { checks: [{ check: 'response-received', status: step.optionalVars ? 'skip' : 'fail', reason }] };
  }
}
