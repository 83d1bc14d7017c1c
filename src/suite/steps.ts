/**
 * Building blocks of generated cases: the standard checks of each kind of step and the request
 * templates of the resource operations. Cases are assembled from these in cases-*.ts.
 */
import type { ResourceModel } from '../document/model.js';
import { SUCCESS_STATUSES } from '../tmf/statuses.js';
import type { CheckId } from '../core/check-ids.js';
import type { CheckUse, MandatoryAttribute, RequestTemplate, Step } from '../core/case-model.js';

/** What every step that expects a JSON answer asserts (the kits' Content-Type, status, valid JSON). */
const JSON_ANSWER: CheckId[] = ['status-code-conformance', 'no-server-error', 'content-type-json', 'json-body'];

export function checks(...ids: Array<CheckId | CheckUse>): CheckUse[] {
  return ids.map((c) => (typeof c === 'string' ? { id: c } : c));
}

/** A 2xx JSON answer: the kits' assertions plus the response schema. */
export function okChecks(...extra: Array<CheckId | CheckUse>): CheckUse[] {
  return checks(...JSON_ANSWER, 'response-schema', ...extra);
}

/** A 4xx answer: the kits' assertions plus the TMF Error shape. */
export function errorChecks(...extra: Array<CheckId | CheckUse>): CheckUse[] {
  return checks(...JSON_ANSWER, 'error-shape', ...extra);
}

/** Setup and intermediate steps: only that the server did what the step needs. */
export const SETUP_CHECKS: CheckUse[] = checks('status-code-conformance', 'no-server-error', 'json-body');

export function mandatoryCheck(attributes: MandatoryAttribute[]): CheckUse {
  return { id: 'mandatory-attributes', params: { attributes } };
}

/** Every attribute of `expected` comes back (and, given `id`, the answer is that resource). */
export function echoCheck(expected: unknown, label: string, id?: string): CheckUse {
  return { id: 'attributes-echoed', params: { expected, label, ...(id ? { id } : {}) } };
}

export const itemPath = (r: ResourceModel, id: string) => `${r.collectionPath}/${id}`;

export function createRequest(r: ResourceModel, body: unknown): RequestTemplate {
  return { method: 'POST', path: r.collectionPath, body };
}

export function getRequest(r: ResourceModel, id = '{{created.id}}', query?: Array<[string, string]>): RequestTemplate {
  return { method: 'GET', path: itemPath(r, id), ...(query ? { query } : {}) };
}

export function listRequest(r: ResourceModel, query?: Array<[string, string]>): RequestTemplate {
  return { method: 'GET', path: r.collectionPath, ...(query ? { query } : {}) };
}

/** A create step that captures the created resource (and what was sent) under `as`. */
export function createStep(r: ResourceModel, body: unknown, as = 'created', name = 'create', stepChecks = SETUP_CHECKS): Step {
  return {
    name, op: { resource: r.name, kind: 'create' }, request: createRequest(r, body), expect: [201], checks: stepChecks,
    capture: [{ as, pointer: '' }, { as: `${as}Sent`, pointer: '', from: 'request' }],
  };
}

/** Best-effort delete of a created resource (cleanup; skipped when nothing was captured). */
export function cleanupDelete(r: ResourceModel, as = 'created'): Step[] {
  if (!r.operations.delete) return [];
  return [{ name: `cleanup: delete ${as}`, op: { resource: r.name, kind: 'delete' }, request: { method: 'DELETE', path: itemPath(r, `{{${as}.id}}`) }, expect: [204], checks: [] }];
}

/** A list answers 200, or 206 for a partial page (TMF630; src/tmf/statuses.ts). */
export const LIST_STATUSES: number[] = [...SUCCESS_STATUSES.list!];
