/**
 * The id of every check, in the order reports list them. It is the shared vocabulary a suite names checks
 * by (CheckUse.id), so a suite naming an unknown check does not compile; src/checks/index.ts maps each id to
 * its function and must cover exactly this list (`satisfies Record<CheckId, Check>`).
 */
export const CHECK_IDS = [
  'response-received',
  'status-code-conformance',
  'no-server-error',
  'content-type-json',
  'json-body',
  'response-schema',
  'mandatory-attributes',
  'attributes-echoed',
  'href-resolvable',
  'error-shape',
  'paging-headers',
  'total-count',
  'offset-honoured',
  'empty-page',
  'link-header',
  'same-page',
  'location-header',
  'fields-selection',
  'filter-applied',
  'list-contains',
  'attribute-value',
  'cart-totals',
  'event-conformance',
  'no-event',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

const known: ReadonlySet<string> = new Set(CHECK_IDS);

/** A check id from untrusted input (a config, an imported collection). */
export function isCheckId(id: string): id is CheckId {
  return known.has(id);
}
