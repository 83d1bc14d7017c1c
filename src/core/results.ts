/**
 * The result model: what a run produced. results.json is exactly this object (schemaVersion 2),
 * and every reporter renders from it or from the events that build it.
 */
import type { SchemaError } from '../schema/errors.js';

export type CheckStatus = 'pass' | 'fail' | 'skip';
/**
 * A case's state (see docs/verdict.md). `skip`: sent, but no check could run (it can never pass);
 * `not-run`: never sent because the run could not complete (target unreachable, breaker open);
 * `not-applicable`: the document has nothing to test (no PATCH operation…); `excluded`: the config excluded it
 * (skipCases, skipFeatures) or disabled a check it relies on (disableChecks), and nothing it checked failed.
 */
export type CaseStatus = 'pass' | 'fail' | 'skip' | 'not-run' | 'not-applicable' | 'excluded';

/** The four verdict words, the same in console (upper case), results.json, JUnit and HTML. */
export type Verdict = 'conformant' | 'conformant with exclusions' | 'not conformant' | 'error';

/** How the config excluded a case, with the reason the config gives. */
export interface CaseExclusion {
  by: 'skipCases' | 'skipFeatures' | 'disableChecks';
  /** The case id, the feature, or the disabled checks the case relies on. */
  names: string[];
  /** The config's reason, or `no reason given in the config`. */
  reason: string;
}

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
  /** Set when the config excluded the case or disabled a check it relies on. */
  exclusion?: CaseExclusion;
  exchanges: Exchange[];
  checks: CheckResult[];
  advisories: string[];
  durationMs: number;
}

export interface Counts {
  passed: number;
  failed: number;
  /** Ran no check (never a pass). */
  skipped: number;
  notRun: number;
  notApplicable: number;
  excluded: number;
}

export interface ApiSummary {
  cases: Counts;
  mandatory: Counts;
  optional: Counts;
  checks: Counts;
  requests: number;
  advisories: number;
  /** The API's verdict: see src/core/verdict.ts (the one place it is decided) and docs/verdict.md. */
  verdict: Verdict;
  /** `verdict === 'conformant'` (kept for readers of schemaVersion 1). */
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
  /** Set when this API's run could not complete (target unreachable, breaker open): its verdict is `error`. */
  error?: { code: string; message: string };
}

/** A document a run was judged against. */
export interface DocumentEvidence {
  api: string;
  title: string;
  version: string;
  /** File name as found (no directory: paths of the machine that ran are not evidence). */
  file: string;
  /** sha256 (hex) of the document as read. */
  sha256: string;
  /** Whether it is byte for byte the published document the registry names. */
  published: boolean;
  /**
   * Set when the run did not read the document: it is the published one the registry names for the API a
   * TM Forum kit or a collection is for (file and sha256 are the registry's), and the kit's or collection's own
   * assertions judged the answers. Optional, added within schemaVersion 2 (additive).
   */
  fromRegistry?: true;
}

/**
 * A suite a run read from a file (`run --ctk`, `run --collection`): what it was and the sha256 of its bytes.
 * A kit zip is one entry (`ctk`); a kit folder gives its collection, environment and config.json, each with
 * `kit` naming the folder and `file` the path inside it.
 */
export interface CollectionEvidence {
  kind: 'ctk' | 'collection' | 'environment' | 'config';
  /** File name (no directory), or the path inside the kit named by `kit`. */
  file: string;
  /** The kit folder the file belongs to. */
  kit?: string;
  sha256: string;
}

/** One exclusion the config made, with its reason. */
export interface ExclusionEvidence {
  /** Absent when it applies to every API of the run. */
  api?: string;
  kind: 'case' | 'feature' | 'check';
  name: string;
  reason: string;
}

/**
 * How the run was configured: part of the evidence (docs/verdict.md). Written by the runner, kept by
 * `report --from`, shown by every reporter.
 */
export interface RunConfiguration {
  tool: { name: 'tmf-ctk'; version: string };
  documents: DocumentEvidence[];
  /** Strict mode per API id: off, every leniency (true), or the leniencies named. */
  strict: Record<string, boolean | string[]>;
  /** The --config file: its name and sha256; null when the run had none. */
  config: { file: string; sha256: string } | null;
  /** Headers sent with every request (config and --header), values always redacted (src/core/redact.ts). */
  headers: Record<string, string>;
  exclusions: ExclusionEvidence[];
  /** OAuth2 client credentials, when the target is behind them: never the secret or a token. */
  auth?: { oauth2: { tokenUrl: string; clientId: string; clientSecretEnv: string; scope?: string } };
  /**
   * The suites run from files (TM Forum kits, Postman collections and environments), each with its sha256;
   * absent when only tmf-ctk's own suites ran. Optional, added within schemaVersion 2 (additive).
   */
  collections?: CollectionEvidence[];
  /**
   * Set by `tmf-ctk proxy`: the run judged the traffic it forwarded to this upstream (never with credentials:
   * such URLs are refused) instead of sending requests of its own. Optional, added within schemaVersion 2.
   */
  observed?: { upstream: string };
}

/**
 * Version 2 added the case states not-run, not-applicable and excluded, the verdict "conformant with exclusions",
 * the run's configuration, per-API notes and errors, a case's suite and a check's citation. Version 1 files
 * (pass, fail and skip only) are still read by `tmf-ctk report --from`.
 */
export const RESULTS_SCHEMA_VERSION = 2;

export interface RunResult {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  tool: { name: 'tmf-ctk'; version: string };
  target: string;
  company?: string;
  product?: string;
  release?: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  apis: ApiResult[];
  summary: ApiSummary;
  /** How the run was configured (absent only in results.json files of older versions). */
  configuration?: RunConfiguration;
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
