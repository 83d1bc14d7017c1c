/**
 * A step's checks inside the Postman sandbox: the same check functions as the native runner (src/checks),
 * on an exchange built from what Postman sent and received, with the same context: src/checks/judge.ts is
 * shared with the native runner (it has no node imports, so it bundles into the sandbox library). As natively,
 * every response is judged with the default (lenient) reading: strict mode fails each leniency taken once, in
 * the API's strict item (src/runner/strict.ts), not per response.
 */
import { applyChecks, capture, parseBody } from '../../checks/judge.js';
import type { CheckResult, Exchange } from '../../core/results.js';
import type { CheckUse } from '../../core/case-model.js';
import type { Vars } from '../../core/template.js';
import type { SchemaSet } from '../../schema/schema-set.js';
import type { ApiModel, Operation } from '../../document/model.js';
import type { SandboxStep } from '../suite-json.js';

export interface JudgeEnv {
  api: ApiModel;
  schemas: SchemaSet;
  disabledChecks: ReadonlySet<string>;
}

export { capture, parseBody };

/** The step's checks (or only `only`) on an answered exchange. */
export function judge(step: SandboxStep, ex: Exchange, env: JudgeEnv, vars: Vars, only?: CheckUse[]): CheckResult[] {
  // The embedded operation carries what the checks read (statuses, schema names, headers; defaults left out).
  const op = step.op as Operation | undefined;
  const base = { api: env.api, schemas: env.schemas, op, expect: step.expect, strict: false };
  return applyChecks(only ?? step.checks, ex, base, vars, env.disabledChecks);
}
