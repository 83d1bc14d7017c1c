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

export class ObservedTraffic {
  readonly #o: Required<ObservedOptions>;
  readonly #cases = new Map<string, OpenCase>();
  readonly #startedAt = new Date();
  #kept = 0;
  unknown = 0;
  exchanges = 0;
  violations = 0;

  constructor(o: ObservedOptions) {
    this.#o = { maxExchanges: 1000, strict: false, headerNames: [], ...o };
  }

  #open(api: ApiModel, op: Operation | undefined): OpenCase {
    const id = caseIdOf(op, api);
    let c = this.#cases.get(`${api.id}@${api.version} ${id}`);
    if (!c) {
      const title = op ? `Observed traffic: ${op.method.toUpperCase()} ${op.path} (${op.operationId})` : 'Observed traffic: requests to operations the document does not declare';
      c = { result: { id, title, api: api.id, ...(op?.resource ? { resource: op.resource } : {}), mandatory: true, status: 'pass', exchanges: [], checks: [], advisories: [], durationMs: 0 }, dropped: 0, droppedViolations: new Map() };
      this.#cases.set(`${api.id}@${api.version} ${id}`, c);
    }
    return c;
  }

  /** Adds a judged exchange; returns how many violations it had. */
  add(api: ApiModel, op: Operation | undefined, ex: Exchange, checks: readonly CheckResult[], notes: readonly string[] = []): number {
    const c = this.#open(api, op);
    const failed = checks.filter((k) => k.status === 'fail');
    this.exchanges += 1;
    this.violations += failed.length;
    if (failed.length) c.result.status = 'fail';
    c.result.durationMs += ex.response?.durationMs ?? 0;
    for (const n of notes) if (!c.result.advisories.includes(n) && c.result.advisories.length < 20) c.result.advisories.push(n);
    if (this.#kept >= this.#o.maxExchanges) {
      c.dropped += 1;
      for (const f of failed) c.droppedViolations.set(f.check, (c.droppedViolations.get(f.check) ?? 0) + 1);
      return failed.length;
    }
    this.#kept += 1;
    const index = c.result.exchanges.push(ex) - 1;
    for (const k of checks) c.result.checks.push({ ...k, exchange: index });
    if (failed.length && !c.result.reason) c.result.reason = `${ex.step}: ${failed[0]!.check}: ${failed[0]!.reason ?? 'failed'}`;
    return failed.length;
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
      apis: observed, summary: { ...summary, verdict: this.violations > 0 ? 'not conformant' : 'conformant' },
      // Every document the proxy judged against, traffic or not: what it would have judged is evidence too.
      configuration: fileRunConfiguration({
        documents: this.#o.apis.map(documentEvidence), strict: Object.fromEntries(this.#o.apis.map((a) => [a.id, this.#o.strict])),
        headers: this.#o.headerNames, observed: { upstream: withoutCredentials(this.#o.upstream) },
      }),
    };
  }
}
