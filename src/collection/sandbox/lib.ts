/**
 * The tmf-ctk library inside Postman: bundled (../bundle.ts) into the collection variable `ctk.lib` and
 * loaded once per run by the collection-level scripts:
 *
 *   if (typeof tmfCtk === 'undefined' || tmfCtk.build !== pm.collectionVariables.get('ctk.build'))
 *     tmfCtk = eval(pm.collectionVariables.get('ctk.lib')).load(pm);
 *
 * (an undeclared assignment on purpose: postman-sandbox keeps such globals for the whole run, so the
 * library, the parsed suite and the compiled validators are built once, not per request). Each request then
 * calls `tmfCtk.pre(pm, caseId, index, step)` with its step's data and `tmfCtk.test(pm, caseId, index)`; in
 * strict mode the API's last item, `TC_<API>_STRICT`, calls `tmfCtk.strict(pm)`.
 *
 * It does what the native runner does (src/runner/case.ts, step.ts), with the same code where it can: the
 * request builder, templates, checks and the ajv SchemaSet are the shared modules themselves.
 */
import { buildRequest, type BuiltRequest } from '../../runner/request.js';
import type { CheckResult, Exchange } from '../../core/results.js';
import { UnresolvedError } from '../../core/template.js';
import { SchemaSet } from '../../schema/schema-set.js';
import type { ApiModel } from '../../document/model.js';
import { assertionName, NOT_RUN, oneLine, SKIPPED_PREFIX } from '../assertions.js';
import { LENIENCIES_VARIABLE, LIBRARY_VARIABLE, SUITE_VARIABLE, type SandboxCase, type SandboxStep, type SandboxSuite } from '../suite-json.js';
import { noteLeniencies, strictChecks, type LeniencyCases } from '../../runner/strict.js';
import type { LeniencyId } from '../../tmf/policy.js';
import { capture, judge, type JudgeEnv } from './judge.js';
import { markNotObserved } from '../../core/outcome.js';
import type { Pm } from './pm.js';
import { CaseState, userHeaders } from './state.js';

export interface CtkScripts {
  build: string;
  pre(pm: Pm, caseId: string, index: number, step: SandboxStep): void;
  test(pm: Pm, caseId: string, index: number): void;
  note(pm: Pm, caseId: string): void;
  strict(pm: Pm): void;
}

interface Sent {
  key: string;
  step: SandboxStep;
  built: BuiltRequest;
  startedAt: string;
}

function report(pm: Pm, r: Pick<CheckResult, 'check' | 'status' | 'reason' | 'source' | 'advisory'>): void {
  const name = oneLine(assertionName(r));
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

/** One run inside the sandbox: the suite, the compiled validators and the state between requests. */
class SandboxRun implements CtkScripts {
  readonly build: string;
  readonly #env: JudgeEnv;
  readonly #cases: Map<string, SandboxCase>;
  readonly #state: CaseState;
  readonly #lastCase: string | undefined;
  readonly #restore: (pm: Pm) => void;
  /** Strict mode: the leniencies it tightens (none when not strict). */
  readonly #strict: readonly LeniencyId[];
  /** The request the current item's pre-request script built, for its test script. */
  #sent: Sent | undefined;

  constructor(pm: Pm) {
    const suite = JSON.parse(String(pm.collectionVariables.get(SUITE_VARIABLE))) as SandboxSuite;
    this.build = suite.build;
    this.#restore = parkVariables(pm);
    this.#lastCase = suite.cases[suite.cases.length - 1]?.id;
    // SchemaSet reads the API's id, version and definitions; the checks read its media type.
    const api = { ...suite.api, definitions: suite.definitions, events: [], resources: [], operations: [] } as unknown as ApiModel;
    // As natively, every response is judged with the default reading; strict mode counts the leniencies taken.
    this.#env = { api, schemas: new SchemaSet(api), disabledChecks: new Set(suite.disabledChecks) };
    this.#strict = Array.isArray(suite.strict) ? suite.strict : [];
    if (this.#strict.length) pm.collectionVariables.set(LENIENCIES_VARIABLE, '{}');
    this.#cases = new Map(suite.cases.map((c) => [c.id, c]));
    this.#state = new CaseState(suite.breaker);
  }

  /** Whether the request may go; reports the case as not run on its first item when the run stopped. */
  #admitted(pm: Pm, caseId: string, index: number, cleanup: boolean): boolean {
    const state = this.#state;
    state.enter(pm, caseId, index, `${caseId}#${index}`);
    if (caseId === this.#lastCase) this.#restore(pm);
    if (state.notRun) {
      if (index === 0) pm.test(NOT_RUN, () => { throw new Error(state.notRun); });
      return false;
    }
    return !state.stopped || (cleanup && state.stopped === 'failed');
  }

  pre(pm: Pm, caseId: string, index: number, step: SandboxStep): void {
    const key = `${caseId}#${index}`;
    const cleanup = step.cleanup === true;
    this.#sent = undefined;
    if (!this.#admitted(pm, caseId, index, cleanup)) return pm.execution.skipRequest();
    const baseUrl = String(pm.variables.get('baseUrl') ?? '').replace(/\/+$/, '');
    try {
      const built = buildRequest(step.request, this.#state.vars, { baseUrl, headers: userHeaders(pm) });
      apply(pm, built);
      this.#sent = { key, step, built, startedAt: new Date().toISOString() };
      if (step.poll) this.#state.startPoll(key, step.poll.timeoutMs);
    } catch (e) {
      // skipRequest ends the script: report first. Cleanup is best effort: nothing to report.
      if (!cleanup) this.#notSent(pm, step, e, baseUrl);
      pm.execution.skipRequest();
    }
  }

  /** A step that could not be built: a placeholder without a value (as natively), no usable baseUrl or ctk.headers. */
  #notSent(pm: Pm, step: SandboxStep, e: unknown, baseUrl: string): void {
    const optional = e instanceof UnresolvedError && step.optionalVars;
    const why = e instanceof UnresolvedError ? e.message : `${(e as Error).message} (baseUrl is "${baseUrl}")`;
    report(pm, { check: 'response-received', status: optional ? 'skip' : 'fail', reason: `step "${step.name}" not sent: ${why}`, source: 'TMF630' });
    if (!optional && step.capture?.length) this.#state.stopped = 'failed';
  }

  test(pm: Pm, caseId: string, index: number): void {
    const sent = this.#sent?.key === `${caseId}#${index}` ? this.#sent : undefined;
    this.#sent = undefined;
    if (!sent) return;
    const { step, key } = sent;
    const state = this.#state;
    if (pm.response.code === undefined) return state.transportFailed(step.cleanup === true);
    state.answered();
    if (step.cleanup) return;
    const ex = exchangeOf(pm, step, sent);
    if (step.poll && judge(step, ex, this.#env, state.vars, [step.poll.until])[0]?.status === 'fail' && state.mayRepeat(key, step.poll.intervalMs)) {
      // Not there yet: this request again, after the interval (the sandbox waits for a pending timer).
      pm.execution.setNextRequest(pm.info.requestId);
      setTimeout(() => undefined, step.poll.intervalMs);
      return;
    }
    state.mirror(pm, capture(step, ex, state.vars));
    const results = judge(step, ex, this.#env, state.vars);
    this.#noteLeniencies(pm, caseId, [sent.built.advisory ?? '', ...results.map((r) => r.advisory ?? '')]);
    // A polled state not seen in time: inconclusive, the rest of the case is not sent (as natively).
    const inconclusive = markNotObserved(step, results);
    for (const r of results) report(pm, r);
    if (inconclusive || (results.some((r) => r.status === 'fail') && step.capture?.length)) state.stopped = 'failed';
  }

  /** Strict mode: the leniencies an answer took (its advisories, as the native case's), for the strict item. */
  #noteLeniencies(pm: Pm, caseId: string, notes: string[]): void {
    if (!this.#strict.length) return;
    const taken = this.#taken(pm);
    const before = JSON.stringify(taken);
    const after = JSON.stringify(noteLeniencies(taken, caseId, notes));
    if (after !== before) pm.collectionVariables.set(LENIENCIES_VARIABLE, after);
  }

  #taken(pm: Pm): LeniencyCases {
    try {
      const taken: unknown = JSON.parse(String(pm.collectionVariables.get(LENIENCIES_VARIABLE) ?? '{}'));
      return taken !== null && typeof taken === 'object' && !Array.isArray(taken) ? taken as LeniencyCases : {};
    } catch {
      return {};
    }
  }

  /** The API's strict item: one `strict` check per tightened leniency, failed when the run took it (never sent). */
  strict(pm: Pm): void {
    this.#restore(pm);
    for (const r of strictChecks(this.#taken(pm), this.#strict)) report(pm, r);
    pm.execution.skipRequest(); // ends the script
  }

  note(pm: Pm, caseId: string): void {
    const state = this.#state;
    state.enter(pm, caseId, 0, `${caseId}#note`);
    if (caseId === this.#lastCase) this.#restore(pm);
    if (state.notRun) pm.test(NOT_RUN, () => { throw new Error(state.notRun); });
    else pm.test.skip(`${SKIPPED_PREFIX}${this.#cases.get(caseId)?.skip ?? 'not exported'}`);
    pm.execution.skipRequest(); // ends the script
  }
}

/** What the loader line calls: the scripts' entry points, bound to this run. */
export function load(pm: Pm): CtkScripts {
  const run = new SandboxRun(pm);
  return { build: run.build, pre: run.pre.bind(run), test: run.test.bind(run), note: run.note.bind(run), strict: run.strict.bind(run) };
}
