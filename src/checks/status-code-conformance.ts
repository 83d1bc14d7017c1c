/**
 * `status-code-conformance`: the status is one the step expects and the document declares for the operation.
 * Where TMF630 and the document disagree the target passes with an advisory, and strict mode fails it: an
 * expected status the document does not declare (206 for a partial page), and a PATCH accepted although it
 * lacks attributes the document's `*_Update` schema lists as required (TMF630: a patch carries any subset).
 */
import type { Exchange } from '../core/results.js';
import { advisoryNote, strictReason, type LeniencyId } from '../tmf/policy.js';
import type { Check, CheckContext } from './types.js';
import { fail, is2xx, isObject, listed, pass, skip, stringList } from './util.js';

interface Note { id: LeniencyId; text: string }

function undeclaredStatus(got: number, declared: number[], ctx: CheckContext): Note | undefined {
  if (declared.length === 0 || declared.includes(got)) return undefined;
  const id = got === 206 ? 'partial-page-status' : 'undeclared-status';
  return { id, text: `${got} is not declared by the document for ${ctx.op!.method.toUpperCase()} ${ctx.op!.path} (declared: ${declared.join(', ')}); TMF630 allows it` };
}

/**
 * The request schema of a PATCH. A Postman export embeds only the operation's method, path and responses
 * (src/collection/suite-json.ts): there, the entity's `_Update` (v4) or `_MVO` (v5) definition.
 */
function updateSchemaOf(ctx: CheckContext): string | undefined {
  const op = ctx.op;
  if (op?.method !== 'patch') return undefined;
  if (op.requestSchemaName) return op.requestSchemaName;
  const entity = op.responses['200']?.schemaName;
  return entity ? [`${entity}_Update`, `${entity}_MVO`].find((n) => ctx.api.definitions[n]) : undefined;
}

/** A merge patch the server accepted without attributes the published `*_Update` schema requires. */
function partialPatch(ex: Exchange, ctx: CheckContext): Note | undefined {
  const name = updateSchemaOf(ctx);
  if (!name || !is2xx(ex) || !ex.request.body) return undefined;
  const required = stringList(ctx.api.definitions[name]?.['x-published-required']);
  let sent: unknown;
  try {
    sent = JSON.parse(ex.request.body);
  } catch {
    return undefined;
  }
  const missing = isObject(sent) ? required.filter((k) => !Object.hasOwn(sent, k)) : [];
  if (missing.length === 0) return undefined;
  return { id: 'patch-partial', text: `${ex.response!.status} to a patch without ${listed(missing)}, which ${name} lists as required; TMF630 lets a PATCH carry any subset` };
}

/**
 * The target's own words about an unexpected status: a TMF Error's `reason` and `message` (or `code`), or the
 * first 200 characters of any other body, on one line and without control characters.
 */
export function serverSaid(ex: Exchange, ctx: CheckContext): string | undefined {
  const text = ex.response?.body;
  if (!text) return undefined;
  let said: string;
  if (ctx.body.ok && isObject(ctx.body.value)) {
    const e = ctx.body.value;
    const parts = [e.reason, e.message].filter((v): v is string => typeof v === 'string' && v.trim().length > 0);
    said = parts.length ? [...new Set(parts)].join(': ') : typeof e.code === 'string' ? `code ${e.code}` : text;
  } else said = text;
  const flat = said.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat ? (flat.length > 200 ? `${flat.slice(0, 200)}…` : flat) : undefined;
}

export const statusCodeConformance: Check = (ex, ctx) => {
  if (!ex.response) return skip('no response');
  const got = ex.response.status;
  const declared = ctx.op ? Object.keys(ctx.op.responses).filter((s) => /^\d{3}$/.test(s)).map(Number) : [];
  const expected = ctx.expect.join(' or ');
  if (!ctx.expect.includes(got)) {
    const source = ctx.expect.some((s) => declared.includes(s)) ? 'document' : 'TMF630';
    const cite = source === 'document' && ctx.op ? `document #/paths/${ctx.op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${ctx.op.method}/responses (${declared.join(', ')})` : undefined;
    const said = got >= 400 ? serverSaid(ex, ctx) : undefined;
    return fail(`expected ${expected}, got ${got}${ex.redirects?.length ? ` (after ${ex.redirects.length} redirect(s))` : ''}${said ? ` — server said: ${said}` : ''}`, { source, ...(cite ? { cite } : {}) });
  }
  const notes = [undeclaredStatus(got, declared, ctx), partialPatch(ex, ctx)].filter((n): n is Note => n !== undefined);
  if (notes.length && ctx.strict) return fail(notes.map((n) => strictReason(n.id, n.text)).join('; '), { source: 'document' });
  const source = declared.includes(got) && !notes.length ? 'document' : 'TMF630';
  return pass(`${got}`, { source, ...(notes.length ? { advisory: notes.map((n) => advisoryNote(n.id, n.text)).join('; ') } : {}) });
};
