/**
 * Success statuses TMF630 (REST API Design Guidelines, Part 1) allows for each kind of operation, beside what a
 * document declares: a partial page is 206; a create, patch, replace or delete a server completes later is 202;
 * a delete (and a patch returning nothing) is 204. Error statuses are judged by their TMF Error body instead.
 * The suites expect a subset per step (a kit's create expects 201); the validating proxy accepts all of these.
 */
import type { OperationKind } from '../document/model.js';

export const SUCCESS_STATUSES: Readonly<Partial<Record<OperationKind, readonly number[]>>> = {
  list: [200, 206], retrieve: [200], create: [201, 202], patch: [200, 202, 204], delete: [202, 204], replace: [200, 201, 202],
  hubRegister: [201], hubUnregister: [204],
};
