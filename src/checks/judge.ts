/**
 * Judging an exchange: parse its body, apply a step's checks, store its captures. Pure and free of node
 * APIs, so the native runner and the Postman sandbox bundle (src/collection/sandbox) run the same code.
 */
import { CHECKS, type CheckContext, type ParsedBody } from './index.js';
import { valueAt } from '../schema/errors.js';
import type { ApiModel, Operation } from '../document/model.js';
import type { CheckResult, Exchange } from '../core/results.js';
import type { CheckUse, Step } from '../core/case-model.js';
import { resolveTemplate, UnresolvedError, type Vars } from '../core/template.js';
import { header } from '../tmf/media-types.js';
import { linksByRel } from '../tmf/links.js';

export type JudgeBase = Omit<CheckContext, 'params'>;

export function operationOf(api: ApiModel, step: Pick<Step, 'op'>): Operation | undefined {
  const ref = step.op;
  if (!ref) return undefined;
  if ('hub' in ref) return ref.hub === 'register' ? api.hub?.register : api.hub?.unregister;
  return api.resources.find((r) => r.name === ref.resource)?.operations[ref.kind];
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

function runCheck(use: CheckUse, ex: Exchange, base: JudgeBase, vars: Vars): CheckResult {
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
  return { check: use.id, status: o.status, ...(o.reason ? { reason: o.reason } : {}), ...(o.source ? { source: o.source } : {}), ...(o.cite ? { cite: o.cite } : {}),
    ...(o.schemaErrors ? { schemaErrors: o.schemaErrors } : {}), ...(o.advisory ? { advisory: o.advisory } : {}) };
}

/** Applies checks (minus the disabled ones) to an answered exchange. */
export function applyChecks(uses: readonly CheckUse[], ex: Exchange, base: Omit<JudgeBase, 'body'>, vars: Vars, disabled: ReadonlySet<string>): CheckResult[] {
  const body = ex.response ? parseBody(ex.response.body, ex.response.truncated) : parseBody(undefined);
  return uses.filter((c) => !disabled.has(c.id)).map((c) => runCheck(c, ex, { ...base, body }, vars));
}

/** The JSON value a capture reads: a body, the response headers (lowercased names) or the Link header by rel. */
function captureSource(from: NonNullable<Step['capture']>[number]['from'], ex: Exchange): ParsedBody {
  if (from === 'headers' || from === 'links' || from === 'paging') {
    if (!ex.response) return { ok: false, error: 'no response' };
    if (from === 'paging') {
      const total = header(ex.response.headers, 'X-Total-Count')?.trim();
      return total && /^\d{1,15}$/.test(total) ? { ok: true, value: { total: Number(total), lastIndex: Math.max(0, Number(total) - 1) } } : { ok: false, error: 'no X-Total-Count' };
    }
    const headers = Object.fromEntries(Object.entries(ex.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { ok: true, value: from === 'headers' ? headers : linksByRel(header(ex.response.headers, 'link')) };
  }
  const text = from === 'request' ? ex.request.body : ex.response?.body;
  return parseBody(text, from === 'request' ? false : ex.response?.truncated);
}

/** Stores the step's captures (see Capture.from). Returns the names stored. */
export function capture(step: Pick<Step, 'capture'>, ex: Exchange, vars: Vars): string[] {
  const stored: string[] = [];
  for (const c of step.capture ?? []) {
    const parsed = captureSource(c.from, ex);
    if (!parsed.ok) continue;
    const v = valueAt(parsed.value, c.pointer);
    if (v !== undefined) {
      vars[c.as] = v;
      stored.push(c.as);
    }
  }
  return stored;
}
