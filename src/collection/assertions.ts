/**
 * How a check result travels through Postman: as a `pm.test` assertion whose name a person reads in newman's
 * output and the adapter reads back. The sandbox writes names with `assertionName`, the adapter parses them
 * with `checkFromAssertion`; both sides bundle this one file, so the format cannot drift.
 *
 *   pass  `status-code-conformance [document]: 201`  (`— advisory: …` appended when the check noted one)
 *   fail  `mandatory-attributes [profile]`, the assertion's error message is the reason
 *   skip  `list-contains: partial list …` through `pm.test.skip`
 *
 * A name that does not start with a known check id (any external collection) becomes a check named after the
 * whole assertion, with the assertion error's message as reason.
 */
import type { CheckResult } from '../core/results.js';

const SOURCES = ['TMF630', 'document', 'profile', 'kit', 'RFC'] as const;
const ADVISORY = ' — advisory: ';
/** A case the run did not send (breaker, unreachable target): the error message says why. */
export const NOT_RUN = 'not run';
/** Prefix of the skip assertion a case exported as a note carries. */
export const SKIPPED_PREFIX = 'skipped: ';

export function assertionName(r: Pick<CheckResult, 'check' | 'status' | 'reason' | 'source' | 'advisory'>): string {
  if (r.status === 'skip') return `${r.check}${r.reason ? `: ${r.reason}` : ''}`;
  const head = `${r.check}${r.source ? ` [${r.source}]` : ''}`;
  if (r.status === 'fail') return head;
  return `${head}${r.reason ? `: ${r.reason}` : ''}${r.advisory ? `${ADVISORY}${r.advisory}` : ''}`;
}

/** One line, bounded: assertion names show in newman's console output. */
export function oneLine(s: string, max = 300): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface AssertionRecord {
  name: string;
  skipped: boolean;
  /** The assertion error's message when it failed. */
  error?: string;
}

function splitSource(head: string): { check: string; source?: CheckResult['source'] } {
  const m = /^(.*) \[([A-Za-z0-9]+)\]$/.exec(head);
  const source = m && (SOURCES as readonly string[]).includes(m[2]!) ? (m[2] as CheckResult['source']) : undefined;
  return source ? { check: m![1]!, source } : { check: head };
}

/** Reads an assertion back as a check result; `known` are the check ids of tmf-ctk collections. */
export function checkFromAssertion(a: AssertionRecord, known: ReadonlySet<string>): CheckResult {
  const status = a.skipped ? 'skip' : a.error !== undefined ? 'fail' : 'pass';
  const at = status === 'pass' ? a.name.lastIndexOf(ADVISORY) : -1;
  const advisory = at >= 0 ? a.name.slice(at + ADVISORY.length) : undefined;
  const main = at >= 0 ? a.name.slice(0, at) : a.name;
  const colon = main.indexOf(': ');
  const { check, source } = splitSource(colon < 0 ? main : main.slice(0, colon));
  if (!known.has(check)) return { check: a.name, status, ...(a.error !== undefined ? { reason: a.error } : {}) };
  const reason = status === 'fail' ? a.error : colon < 0 ? undefined : main.slice(colon + 2);
  return { check, status, ...(reason ? { reason } : {}), ...(source ? { source } : {}), ...(advisory ? { advisory } : {}) };
}
