/**
 * What the proxy saw, as a run: one "observed traffic" case per operation with its exchanges and
 * checks, so results.json, JUnit and HTML come from the same reporters as `tmf-ctk run`. Memory stays
 * bounded: beyond `maxExchanges` exchanges are counted and their violations tallied, not kept.
 */
import { RESULTS_SCHEMA_VERSION, type ApiResult, type CaseResult, type CheckResult, type Exchange, type RunResult } from '../core/results.js';
import type { ApiModel, Operation } from '../document/model.js';
import { documentEvidence, fileRunConfiguration } from '../runner/evidence.js';
import { runSummary, summarize } from '../runner/summary.js';
import { toolVersion } from '../version.js';

interface OpenCase {
  result: CaseResult;
  /** Exchanges judged but not kept, and their failed checks by id. */
  dropped: number;
  droppedViolations: Map<string, number>;
}

export interface ObservedOptions {
  apis: readonly ApiModel[];
  upstream: string;
  /** Exchanges kept in full over the whole session (default 1000). */
  maxExchanges?: number;
  /** --strict: recorded in the run's configuration. */
  strict?: boolean;
  /** Names of the headers added to every forwarded request (values are never recorded). */
  headerNames?: readonly string[];
}

/** The upstream as evidence: never with credentials (the CLI refuses such URLs; a library caller may not). */
function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return url;
  }
}

export const caseIdOf = (op: Operation | undefined, api: ApiModel): string => `TRAFFIC_${op ? op.operationId : `${api.id}_undeclared`}`;

/** The checks that judge what the client sent (src/proxy/judge.ts judgeRequest): the client's side of an exchange. */
export const CLIENT_CHECKS: ReadonlySet<string> = new Set(['known-operation', 'request-media-type', 'request-schema', 'request-query']);
/** The optional case of an operation holding the client's side: `TRAFFIC_createShoppingCart_CLIENT`. */
export const CLIENT_SUFFIX = '_CLIENT';
type Side = 'server' | 'client';

export class ObservedTraffic {
  readonly #o: Required<ObservedOptions>;
  readonly #cases = new Map<string, OpenCase>();
  readonly #startedAt = new Date();
  #kept = 0;
  unknown = 0;
  exchanges = 0;
  /** Every violation recorded, either side (the proxy's exit code). */
  violations = 0;
  /** Of which the client's (requests that break the document). */
  clientViolations = 0;

  constructor(o: ObservedOptions) {
    // `?? ` and not a spread default: a caller passing `maxExchanges: undefined` means the default too.
    this.#o = { ...o, maxExchanges: o.maxExchanges ?? 1000, strict: o.strict ?? false, headerNames: o.headerNames ?? [] };
  }

  #open(api: ApiModel, op: Operation | undefined, side: Side): OpenCase {
    const id = `${caseIdOf(op, api)}${side === 'client' ? CLIENT_SUFFIX : ''}`;
    let c = this.#cases.get(`${api.id}@${api.version} ${id}`);
    if (!c) {
      const what = op ? `${op.method.toUpperCase()} ${op.path} (${op.operationId})` : 'requests to operations the document does not declare';
      const title = side === 'server'
        ? `Observed traffic: ${what}`
        : `Observed client requests: ${what} — what the client sent against the document; the client's side, not the server's conformance`;
      // The client's mistakes are recorded (and make the proxy exit 1) but never make the server not conformant.
      c = { result: { id, title, api: api.id, ...(op?.resource ? { resource: op.resource } : {}), mandatory: side === 'server', status: 'pass', exchanges: [], checks: [], advisories: [], durationMs: 0 }, dropped: 0, droppedViolations: new Map() };
      this.#cases.set(`${api.id}@${api.version} ${id}`, c);
    }
    return c;
  }

  /** Adds a judged exchange: the answer's checks to the operation's case, a faulty request's to the client's; returns how many violations it had. */
  add(api: ApiModel, op: Operation | undefined, ex: Exchange, checks: readonly CheckResult[], notes: readonly string[] = []): number {
    // A request that breaks the document: its request checks go to the client's case. A well-formed one: they stay
    // with the operation's case as evidence (no client case for clean traffic).
    const request = checks.filter((k) => CLIENT_CHECKS.has(k.check));
    const failedClient = request.filter((k) => k.status === 'fail').length;
    const client = failedClient ? request : [];
    const server = failedClient ? checks.filter((k) => !CLIENT_CHECKS.has(k.check)) : checks;
    const failed = failedClient + server.filter((k) => k.status === 'fail').length;
    this.exchanges += 1;
    this.violations += failed;
    this.clientViolations += failedClient;
    const keep = this.#kept < this.#o.maxExchanges;
    if (keep) this.#kept += 1;
    // An exchange with no answer (an upstream failure) is the server's side, whatever the request's checks.
    const sides: Array<[Side, readonly CheckResult[]]> = [['server', server], ['client', client]];
    for (const [side, list] of sides) {
      if (list.length === 0 && !(side === 'server' && (notes.length > 0 || ex.error !== undefined))) continue;
      this.#record(this.#open(api, op, side), ex, list, side === 'server' ? notes : [], keep);
    }
    return failed;
  }

  #record(c: OpenCase, ex: Exchange, checks: readonly CheckResult[], notes: readonly string[], keep: boolean): void {
    const failed = checks.filter((k) => k.status === 'fail');
    if (failed.length) c.result.status = 'fail';
    c.result.durationMs += ex.response?.durationMs ?? 0;
    for (const n of notes) if (!c.result.advisories.includes(n) && c.result.advisories.length < 20) c.result.advisories.push(n);
    if (!keep) {
      c.dropped += 1;
      for (const f of failed) c.droppedViolations.set(f.check, (c.droppedViolations.get(f.check) ?? 0) + 1);
      return;
    }
    const index = c.result.exchanges.push(ex) - 1;
    for (const k of checks) c.result.checks.push({ ...k, exchange: index });
    if (failed.length && !c.result.reason) c.result.reason = `${ex.step}: ${failed[0]!.check}: ${failed[0]!.reason ?? 'failed'}`;
  }

  #finish(c: OpenCase): CaseResult {
    if (!c.dropped) return c.result;
    const tally = [...c.droppedViolations].map(([k, n]) => `${k} ×${n}`).join(', ');
    const note = `${c.dropped} further exchange(s) judged and summarised, not kept (memory bound)${tally ? `: violations ${tally}` : ': no violation'}`;
    return { ...c.result, advisories: [...c.result.advisories, note] };
  }

  /** The session as a RunResult (results.json shape). */
  result(): RunResult {
    const finishedAt = new Date();
    const apis: ApiResult[] = this.#o.apis.map((api) => {
      const cases = [...this.#cases.values()].filter((c) => c.result.api === api.id).map((c) => this.#finish(c));
      return { id: api.id, title: api.title, version: api.version, basePath: api.basePath, baseUrl: `${this.#o.upstream}${api.basePath}`, cases, summary: summarize(cases), durationMs: finishedAt.getTime() - this.#startedAt.getTime() };
    });
    const observed = apis.filter((a) => a.cases.length > 0);
    const summary = runSummary(observed, false);
    return {
      schemaVersion: RESULTS_SCHEMA_VERSION, tool: { name: 'tmf-ctk', version: toolVersion() }, target: this.#o.upstream,
      startedAt: this.#startedAt.toISOString(), finishedAt: finishedAt.toISOString(), durationMs: finishedAt.getTime() - this.#startedAt.getTime(),
      // The verdict is the server's (its answers, mandatory cases); the client's violations are optional cases beside it.
      apis: observed, summary,
      // Every document the proxy judged against, traffic or not: what it would have judged is evidence too.
      configuration: fileRunConfiguration({
        documents: this.#o.apis.map(documentEvidence), strict: Object.fromEntries(this.#o.apis.map((a) => [a.id, this.#o.strict])),
        headers: this.#o.headerNames, observed: { upstream: withoutCredentials(this.#o.upstream) },
      }),
    };
  }
}
