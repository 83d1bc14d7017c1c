/**
 * A step's checks inside the Postman sandbox: the same check functions as the native runner (src/checks),
 * on an exchange built from what Postman sent and received, with the same context. Mirrors `judge` and
 * `capture` of src/runner/step.ts, which cannot be bundled here because that module also holds the node HTTP
 * client; keep the two in step.
 */
import { CHECKS, type CheckContext, type ParsedBody } from '../../checks/index.js';
import type { CheckResult, Exchange } from '../../runner/results.js';
import type { CheckUse, Step } from '../../runner/suite/types.js';
import { resolveTemplate, UnresolvedError, type Vars } from '../../runner/template.js';
import { valueAt } from '../../schema/errors.js';
import type { SchemaSet } from '../../schema/schema-set.js';
import type { ApiModel, Operation } from '../../spec/model.js';
import type { SandboxStep } from '../suite-json.js';

export interface JudgeEnv {
  api: ApiModel;
  schemas: SchemaSet;
  strict: boolean;
  disabledChecks: ReadonlySet<string>;
}

export function parseBody(text: string | undefined, truncated?: boolean): ParsedBody {
  if (truncated) return { ok: false, error: 'truncated at the size cap' };
  if (!text) return { ok: false, error: 'empty body' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message.slice(0, 120) };
  }
}

function runCheck(use: CheckUse, ex: Exchange, base: Omit<CheckContext, 'params'>, vars: Vars): CheckResult {
  const check = CHECKS[use.id];
  if (!check) return { check: use.id, status: 'skip', reason: 'unknown check id' };
  let params: Record<string, unknown>;
  try {
    params = resolveTemplate(use.params ?? {}, vars);
  } catch (e) {
    if (e instanceof UnresolvedError) return { check: use.id, status: 'skip', reason: e.message };
    throw e;
  }
  const o = check(ex, { ...base, params });
  return { check: use.id, status: o.status, ...(o.reason ? { reason: o.reason } : {}), ...(o.source ? { source: o.source } : {}),
    ...(o.schemaErrors ? { schemaErrors: o.schemaErrors } : {}), ...(o.advisory ? { advisory: o.advisory } : {}) };
}

/** The step's checks (or only `only`) on an answered exchange. */
export function judge(step: SandboxStep, ex: Exchange, env: JudgeEnv, vars: Vars, only?: CheckUse[]): CheckResult[] {
  const parsed = ex.response ? parseBody(ex.response.body, ex.response.truncated) : parseBody(undefined);
  // The embedded operation carries what the checks read (statuses, schema names, headers; defaults left out).
  const op = step.op as Operation | undefined;
  const base = { api: env.api, schemas: env.schemas, op, expect: step.expect, body: parsed, strict: env.strict };
  return (only ?? step.checks).filter((c) => !env.disabledChecks.has(c.id)).map((c) => runCheck(c, ex, base, vars));
}

/** Stores the step's captures: from the response body (default) or the request body as sent. */
export function capture(step: Pick<Step, 'capture'>, ex: Exchange, vars: Vars): string[] {
  const stored: string[] = [];
  for (const c of step.capture ?? []) {
    const text = c.from === 'request' ? ex.request.body : ex.response?.body;
    const parsed = parseBody(text, c.from === 'request' ? false : ex.response?.truncated);
    if (parsed.ok) {
      const v = valueAt(parsed.value, c.pointer);
      if (v !== undefined) {
        vars[c.as] = v;
        stored.push(c.as);
      }
    }
  }
  return stored;
}
