/**
 * Strict mode, counted once per API: the cases run with the default (lenient) reading and record each
 * leniency they took as an advisory; strict mode then fails one check per leniency it tightens, listing the
 * cases that took it, in one mandatory case per API. One charset difference is one failure, not one per response.
 */
import type { CaseResult, CheckResult } from '../core/results.js';
import { DOCUMENT_READING, leniency, leniencyOf, type LeniencyId } from '../tmf/policy.js';
import { listed } from '../checks/util.js';

/** The id of the case that carries an API's strict-mode failures. */
export const strictCaseId = (apiId: string) => `TC_${apiId}_STRICT`;

function touched(cases: readonly CaseResult[], id: LeniencyId): string[] {
  const notes = (c: CaseResult) => [...c.advisories, ...c.checks.map((k) => k.advisory ?? '')];
  const taken = (part: string) => leniencyOf(part)?.id === id && !part.includes(DOCUMENT_READING);
  return cases.filter((c) => notes(c).some((n) => n.split('; ').some(taken))).map((c) => c.id);
}

/** The API's strict case (failed when a tightened leniency was taken, passed otherwise); undefined when not strict. */
export function strictCase(apiId: string, cases: readonly CaseResult[], ids: readonly LeniencyId[]): CaseResult | undefined {
  if (ids.length === 0) return undefined;
  const checks: CheckResult[] = ids.map((id) => {
    const hit = touched(cases, id);
    const l = leniency(id)!;
    if (hit.length === 0) return { check: 'strict', status: 'pass', reason: `[${id}] not taken`, source: 'document' };
    return { check: 'strict', status: 'fail', source: 'document',
      reason: `strict: [${id}] ${l.strict} — the target took the other reading (${l.tmf630}) in ${hit.length} case(s): ${listed(hit, 8)}` };
  });
  const failed = checks.filter((c) => c.status === 'fail');
  return {
    id: strictCaseId(apiId), title: `Strict mode (${ids.join(', ')}): the letter of the document where it disagrees with TMF630, once per leniency`,
    api: apiId, mandatory: true, status: failed.length ? 'fail' : 'pass', ...(failed.length ? { reason: `strict: ${failed[0]!.reason!.replace(/^strict: /, '')}` } : {}),
    exchanges: [], checks, advisories: [], durationMs: 0,
  };
}
