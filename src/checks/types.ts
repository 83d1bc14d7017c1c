/**
 * A check is a small named function (Schemathesis style): it judges one exchange and returns pass, fail
 * or skip with a reason. It is pure: everything it needs is in the exchange and the context. Its name is
 * its id in config (`disableChecks`), results and reports.
 */
import type { SchemaSet } from '../schema/schema-set.js';
import type { SchemaError } from '../schema/errors.js';
import type { ApiModel, Operation } from '../document/model.js';
import type { CheckResult, CheckStatus, Exchange } from '../core/results.js';

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: string };

export interface CheckContext {
  api: ApiModel;
  schemas: SchemaSet;
  /** The operation the step exercises, when it maps to one. */
  op?: Operation;
  /** Statuses the step expects. */
  expect: readonly number[];
  /** The check's parameters from the case, placeholders resolved. */
  params: Record<string, unknown>;
  /** The response body parsed as JSON (or why it could not be). */
  body: ParsedBody;
  /** Strict mode: the letter of the document where it disagrees with TMF630. */
  strict: boolean;
}

export interface CheckOutcome {
  status: CheckStatus;
  reason?: string;
  source?: CheckResult['source'];
  cite?: string;
  schemaErrors?: SchemaError[];
  advisory?: string;
}

export type Check = (exchange: Exchange, ctx: CheckContext) => CheckOutcome;
