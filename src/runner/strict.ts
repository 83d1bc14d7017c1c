/**
 * Strict mode, counted once per API: the cases run with the default (lenient) reading and record each
 * leniency they took as an advisory; strict mode then fails one check per leniency it tightens, listing the
 * cases that took it, in one mandatory case per API. One charset difference is one failure, not one per response.
 *
 * Free of node APIs: the Postman sandbox (src/collection/sandbox) builds the same case from the same notes.
 */
import type { CaseResult, CaseStatus, CheckResult } from '../core/results.js';
import { DOCUMENT_READING, leniency, leniencyOf, type LeniencyId } from '../tmf/policy.js';
import { listed } from '../checks/util.js';

/** The id of the case that carries an API's strict-mode failures. */
export const strictCaseId = (apiId: string) => `TC_${apiId}_STRICT`;

/** The check the strict case reports, once per tightened leniency. */
export const STRICT_CHECK = 'strict';

/** The strict case's title. */
export const strictTitle = (ids: readonly LeniencyId[]) =>
  `Strict mode (${ids.join(', ')}): the letter of the document where it disagrees with TMF630, once per leniency`;

/** The leniencies an advisory says the target took (several notes may be joined by "; "); not the document's reading. */
export function leniencies(note: string): LeniencyId[] {
  const taken = (part: string) => (part.includes(DOCUMENT_READING) ? undefined : leniencyOf(part)?.id as LeniencyId | undefined);
  return [...new Set(note.split('; ').map(taken).filter((id): id is LeniencyId => id !== undefined))];
}

/** Which cases took each leniency, in case order. */
export type LeniencyCases = Partial<Record<LeniencyId, string[]>>;

/** Records that `caseId` noted `notes` (its advisories): each leniency taken lists the case once. */
export function noteLeniencies(taken: LeniencyCases, caseId: string, notes: Iterable<string>): LeniencyCases {
  for (const note of notes) {
    for (const id of leniencies(note)) {
      const cases = taken[id] ??= [];
      if (!cases.includes(caseId)) cases.push(caseId);
    }
  }
  return taken;
}

function takenIn(cases: readonly CaseResult[]): LeniencyCases {
  const taken: LeniencyCases = {};
  for (const c of cases) noteLeniencies(taken, c.id, [...c.advisories, ...c.checks.map((k) => k.advisory ?? '')]);
  return taken;
}

/** One `strict` check per tightened leniency: failed, listing the cases, when the target took it. */
export function strictChecks(taken: LeniencyCases, ids: readonly LeniencyId[]): CheckResult[] {
  return ids.map((id) => {
    const hit = taken[id] ?? [];
    const l = leniency(id)!;
    if (hit.length === 0) return { check: STRICT_CHECK, status: 'pass', reason: `[${id}] not taken`, source: 'document' };
    return { check: STRICT_CHECK, status: 'fail', source: 'document',
      reason: `strict: [${id}] ${l.strict} — the target took the other reading (${l.tmf630}) in ${hit.length} case(s): ${listed(hit, 8)}` };
  });
}

/** The strict case's status and reason from its checks (its first failure's reason, without a second "strict: "). */
export function strictOutcome(checks: readonly CheckResult[]): { status: CaseStatus; reason?: string } {
  const failed = checks.find((c) => c.status === 'fail');
  return failed ? { status: 'fail', reason: `strict: ${failed.reason!.replace(/^strict: /, '')}` } : { status: 'pass' };
}

/** The API's strict case (failed when a tightened leniency was taken, passed otherwise); undefined when not strict. */
export function strictCase(apiId: string, cases: readonly CaseResult[], ids: readonly LeniencyId[]): CaseResult | undefined {
  if (ids.length === 0) return undefined;
  const checks = strictChecks(takenIn(cases), ids);
  return {
    id: strictCaseId(apiId), title: strictTitle(ids), api: apiId, mandatory: true, ...strictOutcome(checks),
    exchanges: [], checks, advisories: [], durationMs: 0,
  };
}
