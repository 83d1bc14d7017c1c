/**
 * The suite model: declarative, data-driven conformance cases. A case is plain JSON-able data
 * (no functions), so the same cases can run natively or be exported to a Postman collection:
 * request templates use `{{name.path}}` placeholders (Postman's variable syntax), captures name
 * the values later steps use, and each step lists the checks (by id) that judge its exchange.
 */
import type { OperationKind } from '../document/model.js';
import type { CheckId } from './check-ids.js';

/** A value with `{{var.path}}` placeholders. A string that is exactly one placeholder takes the value's type. */
export type Template = unknown;

export interface RequestTemplate {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  /** Path relative to the API base URL (`/shoppingCart/{{created.id}}`), or an absolute/relative URL in `url`. */
  path?: string;
  /** A URL template (`{{created.href}}`), resolved against the API base URL; must stay on the target's host. */
  url?: string;
  /** Query parameters, in order; values are templates. */
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  /** JSON body (a template), sent with `contentType` (default `application/json`). */
  body?: Template;
  /** Raw body text sent as is (malformed JSON cases). Wins over `body`. */
  rawBody?: string;
  contentType?: string;
}

/** A check applied to a step's exchange; `params` are templates resolved before the check runs. */
export interface CheckUse {
  id: CheckId;
  params?: Record<string, Template>;
}

/** Store a value of the response under a name for later steps: `{ as: 'created', pointer: '' }`. */
export interface Capture {
  as: string;
  /** JSON pointer into the body (`''` = the whole body, `/id`). */
  pointer: string;
  /**
   * What the pointer reads: the response body (default), the request body as sent (to compare later answers
   * with it), the response headers (names lowercased: `/location`), the Link header by relation (`/next`) or
   * the paging a list answer claims (`/total`: X-Total-Count, `/lastIndex`: X-Total-Count − 1).
   */
  from?: 'response' | 'request' | 'headers' | 'links' | 'paging';
}

/** The operation a step exercises: the spec's declared statuses and schemas come from it. */
export type OperationRef =
  | { resource: string; kind: Exclude<OperationKind, 'hubRegister' | 'hubUnregister' | 'listener' | 'other'> }
  | { hub: 'register' | 'unregister' };

/** Repeat the request until a check passes (a state reached) or the time is up. */
export interface Poll {
  until: CheckUse;
  timeoutMs: number;
  intervalMs: number;
}

/** Wait for a notification at the runner's listener instead of sending a request. */
export interface EventWait {
  eventType: string;
  /** Template of the resource id the event must name. */
  resourceId: Template;
  /** `true`: the step passes when no such event arrives (after unsubscribing). */
  expectNone?: boolean;
}

export interface Step {
  /** Name inside the case (`create`, `retrieve`, `list with fields`): the exchange's `step`. */
  name: string;
  op?: OperationRef;
  /** Absent for event steps. */
  request?: RequestTemplate;
  event?: EventWait;
  /** Statuses the step expects (any of). */
  expect: number[];
  checks: CheckUse[];
  capture?: Capture[];
  poll?: Poll;
  /** When a placeholder has no value (an attribute the target did not return), skip the step instead of failing. */
  optionalVars?: boolean;
  /** A setup step: what it does and the case that exercises the same request (where a failure is explained). */
  setup?: { what: string; seeCase: string };
}

/** Features a vendor may skip in the config; each case belongs to one. */
export type Feature =
  | 'create' | 'retrieve' | 'list' | 'fields' | 'filter' | 'errors' | 'patch' | 'delete'
  | 'paging' | 'notifications' | 'schema' | 'flows';

export interface Case {
  /** `TC_ShoppingCart_N1`: the kits' naming; extra cases `TC_<Resource>_PATCH1`, `_FLOW1`… */
  id: string;
  title: string;
  api: string;
  resource?: string;
  /** How certification treats the feature: only mandatory failures fail the run. */
  mandatory: boolean;
  feature: Feature;
  /** Set when the case cannot apply (no mandatory attribute to omit, no DELETE operation…). */
  notApplicable?: string;
  steps: Step[];
  /** Best-effort cleanup of what the case created; exchanges recorded, never judged. */
  cleanup: Step[];
}

/**
 * Where a rule comes from, precisely enough for a reader to check it: the document (a JSON pointer), TMF630
 * (a section), a TM Forum kit (file and request name) or a conformance profile (document, version, table).
 * A rule that can fail a case names one; a rule without one is a recommendation (an advisory).
 */
export type Citation =
  | { document: string }
  | { tmf630: string }
  | { kit: string; request: string }
  | { profile: string; version: string; table: string };

/** One attribute a conformance rule requires in responses, with the rule's source. */
export interface MandatoryAttribute {
  name: string;
  /** `document`: the entity's required list; `kit`: what TM Forum's kit checks; `profile`: a conformance profile's table. */
  source: 'document' | 'profile' | 'kit';
  /** The checkable source; without one the attribute is only recommended (advisory, strict mode too). */
  cite?: Citation;
  /** `advisory`: absence is noted, never a failure (a reading the documents leave open). */
  level?: 'required' | 'advisory';
}

/** Per-resource data of a suite: payloads, profile, patch values, filters. */
export interface ResourceData {
  /** Mandatory attributes only (schema-valid against the create schema). */
  minimal: Record<string, unknown>;
  /** A realistic, full object. */
  rich: Record<string, unknown>;
  /** A merge patch of patchable attributes. */
  patch?: Record<string, unknown>;
  /** Mandatory attributes in responses (beyond `id`, `href`, which every resource gets from the profile). */
  mandatory: MandatoryAttribute[];
  /** Attributes to filter by in N3/N5 (default: the scalar mandatory attributes); `id` is always added. */
  filters?: string[];
  /** Attribute selected with `fields=` in N4/N5 (default: the first filter attribute). */
  select?: string;
  /** E3: payloads missing an attribute mandatory in context (a nested required attribute). */
  contextMissing?: Array<{ title: string; body: Record<string, unknown> }>;
  /** Resources to create before each case of this one (`{{order.id}}` in payloads), cleaned up after. */
  requires?: Array<{ resource: string; as: string }>;
  /** The kit request whose mandatory-attribute list checks this resource (cited for `id` and `href`). */
  kit?: { kit: string; request: string };
  /** A source that requires a 201's Location to be the created resource's href (beside RFC 9110). */
  location?: Citation;
  /** Per-resource mandatory flags of optional features (default: the suite's). */
  features?: Partial<Record<'patch' | 'delete' | 'paging' | 'notifications', boolean>>;
  /** A JSON Patch Query (v5) changing an attribute of one element of an array the rich payload sends, and what must come back. */
  patchQuery?: { ops: unknown[]; expected: Record<string, unknown> };
  /** Why no valid payload exists (a generated suite, contradictory constraints): cases that create one skip, saying so. */
  unavailable?: string;
}

/** A suite: the per-API data that, with the operation model, generates the cases. */
export interface SuiteData {
  api: string;
  /** Mandatory flags of the features the certification treats per API. */
  features: Record<'patch' | 'delete' | 'paging' | 'notifications', boolean>;
  resources: Record<string, ResourceData>;
  /** Version-specific replacements of resource data (TMF671 v4.0.0 vs v4.1.0). */
  versions?: Record<string, { resources?: Record<string, Partial<ResourceData>> }>;
  /** Set when the data was generated from the document (src/generate/), with the seed used. */
  generated?: { seed: number };
  /** API-specific flows (already complete cases; `api` filled in by the generator). */
  flows?: (ctx: FlowContext) => Case[];
}

/**
 * A suites/<API>/ folder's data for one resource: only what the generator cannot know (realistic payload
 * values, profile and kit attributes with their citations, kit choices with a source). Every field it leaves
 * out is generated from the document; its fields win (src/composition.ts, docs/suites.md).
 */
export type FolderResourceData = Partial<ResourceData>;

/** A suites/<API>/ folder: the suite-level fields (features, flows, versions) and per-resource data layered over the generated. */
export interface FolderSuiteData extends Omit<SuiteData, 'resources' | 'generated'> {
  resources: Record<string, FolderResourceData>;
}

/** What a flow factory may read: the API version and the resolved resource data. */
export interface FlowContext {
  version: string;
  resources: Record<string, ResourceData>;
  timeouts: { flowMs: number; pollMs: number };
}

/** Suite data by API id (every version of an id shares it), handed in by the composition module. */
export type SuiteTable = Readonly<Record<string, SuiteData>>;
