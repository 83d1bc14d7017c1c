/**
 * The result model: what a run produced. results.json is exactly this object (schemaVersion 1),
 * and every reporter renders from it or from the events that build it.
 */
import type { SchemaError } from '../schema/errors.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';
/** `advisory`: passed, but the target follows one of two readings where TMF630 and the document disagree. */
export type CaseStatus = 'pass' | 'fail' | 'skip';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Body as sent (text); omitted when none. */
  body?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** Body as received, as text, capped (see `truncated`). */
  body?: string;
  truncated?: boolean;
  /** Milliseconds from request start to the end of the body. */
  durationMs: number;
}

export interface Exchange {
  /** Step name inside the case (`create`, `retrieve`, `list with fields`). */
  step: string;
  request: RecordedRequest;
  /** Absent when no response arrived (see `error`). */
  response?: RecordedResponse;
  /** Transport failure: `ECONNREFUSED`, `timeout after 5000 ms`, `reset mid-body`… */
  error?: string;
  startedAt: string;
  /** Optional: URLs of the same-host redirects followed before the recorded response (at most a few). */
  redirects?: string[];
  /** Optional: how many times a polling step sent the request (the recorded exchange is the last). */
  attempts?: number;
}

export interface CheckResult {
  /** The check's id (`status-code-conformance`, `response-schema`…): the same in config, results and reports. */
  check: string;
  status: CheckStatus;
  /** Why it failed or was skipped; on pass, optional detail. */
  reason?: string;
  /** Index of the exchange in the case it judged, if any. */
  exchange?: number;
  /** Which source the rule comes from: `TMF630`, `document`, `profile` (the conformance profile), `kit`. */
  source?: 'TMF630' | 'document' | 'profile' | 'kit' | 'RFC';
  /** The precise source of a failed rule: a JSON pointer, a TMF630 section, a kit file and request, a profile table. */
  cite?: string;
  /** Schema failures, with JSON pointer and rule. */
  schemaErrors?: SchemaError[];
  /** Where TMF630 and the document disagree and the target took one reading. */
  advisory?: string;
}

export interface CaseResult {
  /** `TC_ShoppingCart_N1` */
  id: string;
  title: string;
  api: string;
  resource?: string;
  /** The suite the case comes from when it is not tmf-ctk's own: `TM Forum CTK <kit file name>`. */
  suite?: string;
  mandatory: boolean;
  status: CaseStatus;
  /** Why the case failed or was skipped (first failing check, transport error, or skip reason). */
  reason?: string;
  exchanges: Exchange[];
  checks: CheckResult[];
  advisories: string[];
  durationMs: number;
}

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface ApiSummary {
  cases: Counts;
  mandatory: Counts;
  optional: Counts;
  checks: Counts;
  requests: number;
  advisories: number;
  /** Conformant when no mandatory case failed and at least one mandatory case passed. */
  conformant: boolean;
}

export interface ApiResult {
  id: string; // TMF663
  title: string;
  version: string;
  basePath: string;
  /** URL the cases were sent to: target + base path. */
  baseUrl: string;
  cases: CaseResult[];
  summary: ApiSummary;
  durationMs: number;
  /** What the run did differently from what was asked, and why (a target already ending with the base path). */
  notes?: string[];
}

export interface RunResult {
  schemaVersion: 1;
  tool: { name: 'tmf-ctk'; version: string };
  target: string;
  company?: string;
  product?: string;
  release?: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  apis: ApiResult[];
  summary: ApiSummary & { verdict: 'conformant' | 'not conformant' | 'error' };
  /** Set when the run could not reach the target at all (exit 2). */
  error?: { code: string; message: string };
}

/** The typed event stream of a run (newman style, but typed). Reporters subscribe to it. */
export type RunEvent =
  | { type: 'runStart'; target: string; apis: Array<{ id: string; version: string; cases: number }>; startedAt: string }
  | { type: 'apiStart'; api: string; version: string; baseUrl: string }
  | { type: 'caseStart'; api: string; caseId: string; title: string; mandatory: boolean }
  | { type: 'exchange'; api: string; caseId: string; exchange: Exchange }
  | { type: 'check'; api: string; caseId: string; result: CheckResult }
  | { type: 'caseEnd'; api: string; result: CaseResult }
  | { type: 'apiEnd'; api: string; result: ApiResult }
  | { type: 'runEnd'; result: RunResult };
