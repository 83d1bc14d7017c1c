/**
 * newman's run, as tmf-ctk results: its events (item, request, assertion) become cases, exchanges and checks,
 * and the same typed run events the native runner emits, so every reporter works unchanged. One case per
 * top-level folder; each request an exchange (a polling request sent again replaces its exchange and counts
 * the attempts); each `pm.test` a check (see assertions.ts for how a name reads back).
 */
import { inconclusiveReason } from '../core/outcome.js';
import { settleCase } from '../core/verdict.js';
import type { CaseStatus } from '../core/results.js';
import { isSensitiveHeader } from '../core/redact.js';
import { describeError } from '../runner/http-client.js';
import type { CaseResult, CheckResult, Exchange, RecordedRequest, RecordedResponse, RunEvent } from '../core/results.js';
import { strictOutcome } from '../runner/strict.js';
import { checkFromAssertion, NOT_RUN, SKIPPED_PREFIX } from './assertions.js';
import { CLEANUP_SUFFIX } from './items.js';
import type { SdkItem, SdkRequest, SdkResponse } from './newman-types.js';
import type { CollectionPlan, PlannedCase } from './plan.js';

/** As the native client's default cap (src/runner/http-client.ts DEFAULTS.maxBodyBytes). */
const MAX_BODY = 1024 * 1024;

export interface RecorderOptions {
  plan: CollectionPlan;
  emit: (event: RunEvent) => void;
  /** Names (lower case) of the user's headers: sent, never recorded in clear. */
  redact: ReadonlySet<string>;
  timeoutMs: number;
}

interface OpenCase {
  plan: PlannedCase;
  t0: number;
  exchanges: Exchange[];
  checks: CheckResult[];
  advisories: Set<string>;
  /** Index of each item's exchange: a polling request sent again replaces it. */
  byItem: Map<string, number>;
  notRun?: string;
  skipped?: string;
}

function topOf(item: SdkItem): SdkItem {
  let top = item;
  for (let p = item.parent(); p && p.parent(); p = p.parent()) top = p;
  return top;
}

function recordRequest(r: SdkRequest, redact: ReadonlySet<string>): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const h of r.headers.all()) {
    if (h.disabled) continue;
    headers[h.key.toLowerCase()] = isSensitiveHeader(h.key) || redact.has(h.key.toLowerCase()) ? '[redacted]' : h.value;
  }
  const body = r.body?.toString();
  return { method: r.method, url: r.url.toString(), headers, ...(body ? { body } : {}) };
}

function recordResponse(r: SdkResponse): RecordedResponse {
  const headers: Record<string, string> = {};
  for (const h of r.headers.all()) {
    const k = h.key.toLowerCase();
    const value = isSensitiveHeader(k) ? '[redacted]' : h.value;
    headers[k] = headers[k] === undefined ? value : `${headers[k]}, ${value}`;
  }
  const text = r.text() ?? '';
  const truncated = text.length > MAX_BODY;
  return { status: r.code, headers, ...(text ? { body: truncated ? text.slice(0, MAX_BODY) : text } : {}), ...(truncated ? { truncated } : {}), durationMs: Math.round(r.responseTime ?? 0) };
}

/** newman's transport errors in the native client's words. */
export function transportError(err: Error & { code?: string }, url: string, timeoutMs: number): string {
  if (err.code === 'ETIMEDOUT' || err.code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(err.message)) return `timeout after ${timeoutMs} ms (no response)`;
  try {
    return describeError(err, new URL(url), 'connect', 0).error;
  } catch {
    return err.message;
  }
}


const caseLabels = (p: PlannedCase): Pick<CaseResult, 'resource' | 'suite'> => ({
  ...(p.resource ? { resource: p.resource } : {}), ...(p.suite ? { suite: p.suite } : {}),
});

/** Transport errors that mean the target cannot be reached at all (src/runner/http-client.ts describeError). */
const UNREACHABLE = /\((ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\)/;

/** A folder not sent, in the words the export wrote (src/core/outcome.ts notSent), or one newman never reached. */
function unsent(skip: string | undefined): { status: CaseStatus; reason: string } {
  // A folder with nothing newman could send ran no check: it cannot pass (src/core/verdict.ts).
  if (skip === undefined) return { status: 'skip', reason: 'no check ran: newman sent no request of this folder' };
  if (skip.startsWith('not applicable')) return { status: 'not-applicable', reason: skip };
  if (skip.startsWith('excluded by the config')) return { status: 'excluded', reason: skip };
  return { status: 'skip', reason: skip };
}

export class RunRecorder {
  readonly #o: RecorderOptions;
  readonly #results = new Map<string, CaseResult>();
  readonly #startedAt = new Map<string, string>();
  #open: OpenCase | undefined;
  #pending: { itemId: string; checks: CheckResult[] } | undefined;
  /** The last transport error: it explains a "not run" case. */
  lastTransport: string | undefined;
  answered = false;
  sent = 0;

  constructor(options: RecorderOptions) {
    this.#o = options;
  }

  beforeItem(item: SdkItem): void {
    const top = topOf(item);
    if (this.#open?.plan.key !== top.id) {
      this.#close();
      const plan = this.#o.plan.cases.find((c) => c.key === top.id) ?? { key: top.id, id: top.name, title: top.name, mandatory: true };
      this.#open = { plan, t0: performance.now(), exchanges: [], checks: [], advisories: new Set(plan.advisories), byItem: new Map() };
      this.#o.emit({ type: 'caseStart', api: this.#o.plan.api.id, caseId: plan.id, title: plan.title, mandatory: plan.mandatory });
    }
    if (this.#pending && this.#pending.itemId !== item.id) this.#flush();
  }

  beforeRequest(item: SdkItem): void {
    this.#startedAt.set(item.id, new Date().toISOString());
  }

  request(err: (Error & { code?: string }) | null, item: SdkItem, request: SdkRequest, response: SdkResponse | undefined): void {
    const c = this.#open;
    if (!c) return;
    this.sent += 1;
    const ex: Exchange = { step: item.name, request: recordRequest(request, this.#o.redact), startedAt: this.#startedAt.get(item.id) ?? new Date().toISOString() };
    if (err) ex.error = this.lastTransport = transportError(err, ex.request.url, this.#o.timeoutMs);
    else if (response) {
      ex.response = recordResponse(response);
      this.answered = true;
    }
    const previous = c.byItem.get(item.id);
    if (previous === undefined) c.byItem.set(item.id, c.exchanges.push(ex) - 1);
    else c.exchanges[previous] = { ...ex, attempts: (c.exchanges[previous]!.attempts ?? 1) + 1 };
    const cleanup = this.#o.plan.native && item.id.endsWith(CLEANUP_SUFFIX);
    if (ex.error && !cleanup) this.#add(item, { check: 'response-received', status: 'fail', reason: ex.error, source: 'TMF630' });
  }

  assertion(item: SdkItem, name: string, skipped: boolean, error: { message: string } | undefined): void {
    const c = this.#open;
    if (!c) return;
    if (this.#o.plan.native && name === NOT_RUN) return void (c.notRun = error?.message ?? 'not run');
    if (this.#o.plan.native && skipped && name.startsWith(SKIPPED_PREFIX)) return void (c.skipped = name.slice(SKIPPED_PREFIX.length));
    this.#add(item, checkFromAssertion({ name, skipped, ...(error ? { error: error.message ?? '' } : {}) }, this.#o.plan.knownChecks));
  }

  /** The results in collection order; a folder newman never reached is skipped. */
  finish(): CaseResult[] {
    this.#close();
    const api = this.#o.plan.api.id;
    return this.#o.plan.cases.map((p) => {
      const done = this.#results.get(p.key);
      if (done) return done;
      const result: CaseResult = {
        id: p.id, title: p.title, api, ...caseLabels(p), mandatory: p.mandatory,
        ...unsent(p.skip), exchanges: [], checks: [], advisories: p.advisories ?? [], durationMs: 0,
      };
      this.#o.emit({ type: 'caseStart', api, caseId: p.id, title: p.title, mandatory: p.mandatory });
      this.#o.emit({ type: 'caseEnd', api, result });
      return result;
    });
  }

  #add(item: SdkItem, r: CheckResult): void {
    const c = this.#open!;
    const index = c.byItem.get(item.id);
    const result = index === undefined ? r : { ...r, exchange: index };
    c.checks.push(result);
    if (result.advisory) c.advisories.add(result.advisory);
    if (this.#pending?.itemId !== item.id) this.#flush();
    this.#pending ??= { itemId: item.id, checks: [] };
    this.#pending.checks.push(result);
  }

  /** Emits an item's exchange, then its checks (the native order), once the item is done. */
  #flush(): void {
    const p = this.#pending;
    const c = this.#open;
    this.#pending = undefined;
    if (!p || !c) return;
    const api = this.#o.plan.api.id;
    const index = c.byItem.get(p.itemId);
    if (index !== undefined) this.#o.emit({ type: 'exchange', api, caseId: c.plan.id, exchange: c.exchanges[index]! });
    for (const result of p.checks) this.#o.emit({ type: 'check', api, caseId: c.plan.id, result });
  }

  /** As the native runner: a case none of whose requests reached a target never reached at all is not run. */
  #settle(c: OpenCase): { status: CaseStatus; reason?: string } {
    const settled = settleCase(c.checks, c.exchanges, []);
    const unreachable = !this.answered && c.exchanges.length > 0 && c.exchanges.every((x) => x.error && UNREACHABLE.test(x.error));
    if (unreachable) return { status: 'not-run', reason: `not run: the target is unreachable (${settled.reason ?? c.exchanges[0]!.error})` };
    // A polled state not seen in time is inconclusive, as in native runs (src/runner/case.ts).
    const inconclusive = settled.status === 'fail' ? undefined : inconclusiveReason(c.checks, c.exchanges);
    return inconclusive ? { status: 'skip', reason: inconclusive } : settled;
  }

  #close(): void {
    const c = this.#open;
    if (!c) return;
    this.#flush();
    this.#open = undefined;
    const p = c.plan;
    const outcome = c.notRun !== undefined ? { status: 'not-run' as const, reason: `not run: ${c.notRun}${this.lastTransport ? ` (${this.lastTransport})` : ''}` }
      : c.skipped !== undefined ? unsent(c.skipped)
        : p.strict && c.checks.length > 0 ? strictOutcome(c.checks)
        : c.exchanges.length === 0 && c.checks.length === 0 ? { status: 'skip' as const, reason: 'no request was sent' } : this.#settle(c);
    const result: CaseResult = {
      id: p.id, title: p.title, api: this.#o.plan.api.id, ...caseLabels(p), mandatory: p.mandatory,
      ...outcome,
      exchanges: c.exchanges, checks: c.checks, advisories: [...c.advisories], durationMs: Math.round(performance.now() - c.t0),
    };
    this.#results.set(p.key, result);
    this.#o.emit({ type: 'caseEnd', api: this.#o.plan.api.id, result });
  }
}
