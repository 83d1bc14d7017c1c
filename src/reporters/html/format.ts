import { isSensitiveHeader, REDACTED } from '../../core/redact.js';
/**
 * Small pure formatting for the HTML view model: statuses, dates, bodies, headers.
 * Everything returns plain strings; escaping is the template engine's job, never done here twice.
 */
import type { CaseStatus, RecordedResponse } from '../../core/results.js';

export interface StatusView {
  key: CaseStatus;
  /** Words, not only colour: the report must read the same printed in black and white. */
  label: 'Passed' | 'Failed' | 'Skipped' | 'Not run' | 'Not applicable' | 'Excluded';
  short: 'PASS' | 'FAIL' | 'SKIP' | 'NOT RUN' | 'N/A' | 'EXCLUDED';
  symbol: string;
}

const STATUSES: Record<CaseStatus, StatusView> = {
  pass: { key: 'pass', label: 'Passed', short: 'PASS', symbol: '✓' },
  fail: { key: 'fail', label: 'Failed', short: 'FAIL', symbol: '✗' },
  skip: { key: 'skip', label: 'Skipped', short: 'SKIP', symbol: '–' },
  'not-run': { key: 'not-run', label: 'Not run', short: 'NOT RUN', symbol: '!' },
  'not-applicable': { key: 'not-applicable', label: 'Not applicable', short: 'N/A', symbol: '∅' },
  excluded: { key: 'excluded', label: 'Excluded', short: 'EXCLUDED', symbol: '⊘' },
};

/** An unknown status (a hand-edited results.json) shows as failed rather than breaking the page. */
export function statusView(status: string): StatusView {
  return Object.hasOwn(STATUSES, status) ? STATUSES[status as CaseStatus] : STATUSES.fail;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `25 Nov 2026, 17:12 UTC`: fixed format and zone, so a report reads the same wherever it is rendered. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

export interface HeaderView {
  name: string;
  value: string;
}

export function headerViews(headers: Record<string, string> | undefined): HeaderView[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({
    name,
    value: isSensitiveHeader(name) ? REDACTED : String(value),
  }));
}

export interface BodyView {
  text: string;
  /** Pretty-printed JSON (otherwise shown as received). */
  json: boolean;
  truncated: boolean;
}

/** Caps what one body adds to the page; the runner already caps what it records. */
const MAX_BODY_CHARS = 100_000;

export function bodyView(body: string | undefined, truncated = false): BodyView | null {
  if (body === undefined || body === '') return null;
  let text = body;
  let json = false;
  try {
    text = JSON.stringify(JSON.parse(body), null, 2);
    json = true;
  } catch {
    // Not JSON (or cut short by the runner's cap): show it as received.
  }
  const cut = text.length > MAX_BODY_CHARS;
  return { text: cut ? `${text.slice(0, MAX_BODY_CHARS)}\n…` : text, json, truncated: truncated || cut };
}

export type StatusClass = 'ok' | 'redirect' | 'client-error' | 'server-error' | 'other';

export function statusClass(r: RecordedResponse): StatusClass {
  if (r.status >= 200 && r.status < 300) return 'ok';
  if (r.status >= 300 && r.status < 400) return 'redirect';
  if (r.status >= 400 && r.status < 500) return 'client-error';
  if (r.status >= 500 && r.status < 600) return 'server-error';
  return 'other';
}

/** Share of a total as a CSS width; numbers only, so it is safe inside a style attribute. */
export function percent(part: number, total: number): string {
  return total > 0 ? `${((100 * part) / total).toFixed(2)}%` : '0%';
}
