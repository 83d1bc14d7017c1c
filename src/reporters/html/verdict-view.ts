/**
 * The verdict as the HTML pages show it. Only rendering: the verdict itself and its wording come from
 * src/core/verdict.ts, so the index, every API report, the console and results.json always agree.
 */
import type { ApiResult, RunResult, Verdict } from '../../core/results.js';
import { verdictDetail } from '../../core/verdict.js';

export interface VerdictView {
  key: 'conformant' | 'conformant-with-exclusions' | 'not-conformant' | 'error';
  label: string;
  symbol: string;
  explanation: string;
}

export interface ExclusionView {
  caseId: string;
  requirement: 'Mandatory' | 'Optional';
  by: string;
  names: string;
  reason: string;
}

const LOOK: Record<Verdict, Omit<VerdictView, 'explanation'>> = {
  conformant: { key: 'conformant', label: 'Conformant', symbol: '✓' },
  'conformant with exclusions': { key: 'conformant-with-exclusions', label: 'Conformant with exclusions', symbol: '⊘' },
  'not conformant': { key: 'not-conformant', label: 'Not conformant', symbol: '✗' },
  error: { key: 'error', label: 'Error', symbol: '!' },
};

const look = (v: Verdict) => LOOK[v] ?? LOOK['not conformant'];

export function apiVerdictView(api: ApiResult): VerdictView {
  const detail = `${verdictDetail(api.summary.mandatory)}.`;
  return { ...look(api.summary.verdict), explanation: api.error ? `${api.error.message}. ${detail}` : detail };
}

export function runVerdictView(result: RunResult): VerdictView {
  const v = result.summary.verdict;
  const detail = `${verdictDetail(result.summary.mandatory)}.`;
  return { ...look(v), explanation: v === 'error' && result.error ? `${result.error.message}. ${detail}` : detail };
}

/** The cases the config excluded (or whose checks it disabled), mandatory first, with the config's reason. */
export function exclusionViews(api: ApiResult): ExclusionView[] {
  return api.cases.filter((c) => c.exclusion)
    .sort((a, b) => Number(b.mandatory) - Number(a.mandatory))
    .map((c) => ({
      caseId: c.id, requirement: c.mandatory ? 'Mandatory' : 'Optional',
      by: c.exclusion!.by, names: c.exclusion!.names.join(', '), reason: c.exclusion!.reason,
    }));
}
