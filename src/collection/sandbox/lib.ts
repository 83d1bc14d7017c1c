/**
 * The tmf-ctk library inside Postman: bundled (../bundle.ts) into the collection variable `ctk.lib` and
 * loaded once per run by the collection-level scripts:
 *
 *   if (typeof tmfCtk === 'undefined' || tmfCtk.build !== pm.collectionVariables.get('ctk.build'))
 *     tmfCtk = eval(pm.collectionVariables.get('ctk.lib')).load(pm);
 *
 * (an undeclared assignment on purpose: postman-sandbox keeps such globals for the whole run, so the
 * library, the parsed suite and the compiled validators are built once, not per request). Each request then
 * calls `tmfCtk.pre(pm, caseId, index, step)` with its step's data and `tmfCtk.test(pm, caseId, index)`.
 *
 * It does what the native runner does (src/runner/case.ts, step.ts), with the same code where it can: the
 * request builder, templates, checks and the ajv SchemaSet are the shared modules themselves.
 */
import { buildRequest, type BuiltRequest } from '../../runner/request.js';
import type { Exchange } from '../../runner/results.js';
import { UnresolvedError } from '../../runner/template.js';
import { SchemaSet } from '../../schema/schema-set.js';
import type { ApiModel } from '../../spec/model.js';
import { assertionName, NOT_RUN, oneLine, SKIPPED_PREFIX } from '../assertions.js';
import { LIBRARY_VARIABLE, SUITE_VARIABLE, type SandboxCase, type SandboxStep, type SandboxSuite } from '../suite-json.js';
import { capture, judge, type JudgeEnv } from './judge.js';
import type { Pm } from './pm.js';
import { CaseState, userHeaders } from './state.js';

export interface CtkScripts {
  build: string;
  pre(pm: Pm, caseId: string, index: number, step: SandboxStep): void;
  test(pm: Pm, caseId: string, index: number): void;
  note(pm: Pm, caseId: string): void;
}

interface Sent {
  key: string;
  step: SandboxStep;
  built: BuiltRequest;
  startedAt: string;
}

function report(pm: Pm, r: { check: string; status: 'pass' | 'fail' | 'skip'; reason?: string; source?: string; advisory?: string }): void {
  const name = oneLine(assertionName(r as Parameters<typeof assertionName>[0]));
  if (r.status === 'skip') pm.test.skip(name);
  else pm.test(name, () => { if (r.status === 'fail') throw new Error(r.reason ?? 'failed'); });
}

function exchangeOf(pm: Pm, step: SandboxStep, sent: Sent): Exchange {
  return {
    step: step.name, request: sent.built.recorded, startedAt: sent.startedAt,
    response: { status: pm.response.code!, headers: pm.response.headers.toObject(), body: pm.response.text(), durationMs: pm.response.responseTime ?? 0 },
  };
}

function apply(pm: Pm, built: BuiltRequest): void {
  pm.request.url.update(built.http.url);
  for (const [key, value] of Object.entries(built.http.headers)) pm.request.headers.upsert({ key, value });
  if (built.http.body !== undefined) pm.request.body?.update(built.http.body);
}

/**
 * postman-sandbox copies every variable into the sandbox for every script: once loaded, the library and the
 * suite (hundreds of KB) would only slow each request down (measured: 28 → 17 ms per request). They leave the
 * run here and come back for the last case, so a run in the Postman app leaves the collection as it was.
 */
function parkVariables(pm: Pm): (pm: Pm) => void {
  const kept = [LIBRARY_VARIABLE, SUITE_VARIABLE].map((key) => [key, String(pm.collectionVariables.get(key))] as const);
  for (const [key] of kept) pm.collectionVariables.unset(key);
  let restored = false;
  return (later: Pm) => {
    if (restored) return;
    restored = true;
    for (const [key, value] of kept) later.collectionVariables.set(key, value);
  };
}

export function load(pm: Pm): CtkScripts {
  const suite = JSON.parse(String(pm.collectionVariables.get(SUITE_VARIABLE))) as SandboxSuite;
  const restore = parkVariables(pm);
  const lastCase = suite.cases[suite.cases.length - 1]?.id;
  // SchemaSet reads the API's id, version and definitions; the checks read its media type.
  const api = { ...suite.api, definitions: suite.definitions, events: [], resources: [], operations: [] } as unknown as ApiModel;
  const env: JudgeEnv = { api, schemas: new SchemaSet(api), strict: suite.strict, disabledChecks: new Set(suite.disabledChecks) };
  const cases = new Map<string, SandboxCase>(suite.cases.map((c) => [c.id, c]));
  const state = new CaseState(suite.breaker);
  let sent: Sent | undefined;

  /** Whether the request may go; reports the case as not run on its first item when the run stopped. */
  function admitted(pm: Pm, caseId: string, index: number, cleanup: boolean, key: string): boolean {
    state.enter(pm, caseId, index, key);
    if (caseId === lastCase) restore(pm);
    if (state.notRun) {
      if (index === 0) pm.test(NOT_RUN, () => { throw new Error(state.notRun); });
      return false;
    }
    return !state.stopped || (cleanup && state.stopped === 'failed');
  }

  function pre(pm: Pm, caseId: string, index: number, step: SandboxStep): void {
    const key = `${caseId}#${index}`;
    const cleanup = step.cleanup === true;
    sent = undefined;
    if (!admitted(pm, caseId, index, cleanup, key)) return pm.execution.skipRequest();
    const baseUrl = String(pm.variables.get('baseUrl') ?? '').replace(/\/+$/, '');
    try {
      const built = buildRequest(step.request, state.vars, { baseUrl, headers: userHeaders(pm) });
      apply(pm, built);
      sent = { key, step, built, startedAt: new Date().toISOString() };
      if (step.poll) state.startPoll(key, step.poll.timeoutMs);
    } catch (e) {
      // skipRequest ends the script: report first.
      if (!cleanup) {
        const optional = e instanceof UnresolvedError && step.optionalVars;
        const why = e instanceof UnresolvedError ? e.message : `baseUrl "${baseUrl}" with this step's path is not a URL (${(e as Error).message})`;
        report(pm, { check: 'response-received', status: optional ? 'skip' : 'fail', reason: `step "${step.name}" not sent: ${why}`, source: 'TMF630' });
        if (!optional && step.capture?.length) state.stopped = 'failed';
      }
      pm.execution.skipRequest();
    }
  }

  function test(pm: Pm, caseId: string, index: number): void {
    const mine = sent?.key === `${caseId}#${index}` ? sent : undefined;
    sent = undefined;
    if (!mine) return;
    const { step, key } = mine;
    const cleanup = step.cleanup === true;
    if (pm.response.code === undefined) return state.transportFailed(cleanup);
    state.answered();
    if (cleanup) return;
    const ex = exchangeOf(pm, step, mine);
    if (step.poll && judge(step, ex, env, state.vars, [step.poll.until])[0]?.status === 'fail' && state.mayRepeat(key, step.poll.intervalMs)) {
      // Not there yet: this request again, after the interval (the sandbox waits for a pending timer).
      pm.execution.setNextRequest(pm.info.requestId);
      setTimeout(() => undefined, step.poll.intervalMs);
      return;
    }
    state.mirror(pm, capture(step, ex, state.vars));
    const results = judge(step, ex, env, state.vars);
    for (const r of results) report(pm, r);
    if (results.some((r) => r.status === 'fail') && step.capture?.length) state.stopped = 'failed';
  }

  function note(pm: Pm, caseId: string): void {
    const c = cases.get(caseId);
    state.enter(pm, caseId, 0, `${caseId}#note`);
    if (caseId === lastCase) restore(pm);
    if (state.notRun) pm.test(NOT_RUN, () => { throw new Error(state.notRun); });
    else pm.test.skip(`${SKIPPED_PREFIX}${c?.skip ?? 'not exported'}`);
    pm.execution.skipRequest(); // ends the script
  }

  return { build: suite.build, pre, test, note };
}
