/**
 * What an exported collection carries for its scripts. The collection variable `ctk.suite` (JSON) holds the
 * API's identity and normalized schema definitions (embedded once), the run settings and each case's metadata;
 * the sandbox library reads it, and so does the newman adapter to build results. Each step travels in its
 * own request's pre-request script (`tmfCtk.pre(pm, caseId, index, step)`): postman-sandbox copies every
 * variable into the sandbox for every script, so per-request data kept in a variable would be copied
 * hundreds of times. Plain data, like the suite model itself.
 */
import type { JsonSchema, Operation, ResponseModel } from '../document/model.js';
import type { Capture, CheckUse, Feature, Poll, RequestTemplate } from '../core/case-model.js';
import type { LeniencyId } from '../tmf/policy.js';

export const SUITE_VARIABLE = 'ctk.suite';
export const LIBRARY_VARIABLE = 'ctk.lib';
/** Hash of the library and the suite: a sandbox holding another collection's library loads this one. */
export const BUILD_VARIABLE = 'ctk.build';
/** Extra headers (auth) for every request: JSON object or `Name: value` lines, from an environment. */
export const HEADERS_VARIABLE = 'ctk.headers';
/**
 * Strict mode: the leniencies the run's responses took, as JSON `{"json-charset": ["TC_ShoppingCart_N1", …]}`
 * (src/runner/strict.ts LeniencyCases); emptied when the library loads, read by the API's strict item.
 */
export const LENIENCIES_VARIABLE = 'ctk.leniencies';
export const SUITE_FORMAT = 1;

/**
 * The part of an operation the checks read: its declared statuses, their schemas and headers (defaults left
 * out: no schema, not an array, no headers — the checks and SchemaSet read them that way).
 */
export interface SandboxOp extends Pick<Operation, 'method' | 'path'> {
  responses: Record<string, Partial<Pick<ResponseModel, 'schemaName' | 'isArray' | 'headers'>>>;
}

export interface SandboxStep {
  name: string;
  request: RequestTemplate;
  op?: SandboxOp;
  expect: number[];
  checks: CheckUse[];
  capture?: Capture[];
  poll?: Poll;
  optionalVars?: boolean;
  /** A cleanup step: sent unless the case stopped below HTTP, recorded, never judged. */
  cleanup?: boolean;
}

/** A case as the adapter needs it to report: identity, weight, and why it is a note if it is one. */
export interface SandboxCase {
  id: string;
  title: string;
  resource?: string;
  mandatory: boolean;
  feature: Feature;
  /** Set when the case is exported as a note instead of requests: why it does not run in Postman. */
  skip?: string;
}

export interface SandboxSuite {
  format: typeof SUITE_FORMAT;
  /** Hash of the library and this suite: a sandbox holding an older copy loads this one instead. */
  build: string;
  api: { id: string; version: string; title: string; basePath: string; mediaType: string };
  /** The document the definitions come from (file name, sha256, whether the published one): evidence of a run. Absent in older exports. */
  document?: { file: string; sha256: string; published: boolean };
  definitions: Record<string, JsonSchema>;
  /** Strict mode: the leniencies it tightens (none: not strict). Collections exported before held a boolean. */
  strict: LeniencyId[];
  disabledChecks: string[];
  /** Consecutive requests failing below HTTP after which the rest of the run is not sent (as the native runner). */
  breaker: number;
  cases: SandboxCase[];
}
