/**
 * Never cry wolf: where TMF630 and the published documents disagree, a target may follow either.
 * Each disagreement is named here, once; checks accept both readings and record an advisory tagged with the
 * leniency's id (`[json-charset] …`), unless strict mode asks for the letter of the document.
 */
export interface Leniency {
  id: string;
  tmf630: string;
  document: string;
  /** What a check does by default (both accepted) and in strict mode. */
  lenient: string;
  strict: string;
}

export const LENIENCIES = [
  { id: 'partial-page-status', tmf630: '206 Partial Content for a partial page', document: 'only 200 declared for list operations',
    lenient: '200 and 206 accepted; paging headers must be consistent', strict: 'only the declared 200 accepted' },
  { id: 'undeclared-status', tmf630: 'statuses TMF630 gives an operation (422 for a refused change…)', document: 'a fixed list of responses per operation',
    lenient: 'a status the case expects passes although the document does not declare it', strict: 'only the declared statuses accepted' },
  { id: 'fields-extra-keys', tmf630: 'selected attributes plus id, href, @type', document: 'fields parameter declared, no rule',
    lenient: 'id, href and @type may come back beside the selection', strict: 'same: the cases (N4/N5) allow id, href and @type, and no document forbids them' },
  { id: 'patch-media-type', tmf630: 'application/merge-patch+json (and json-patch+json)', document: 'no PATCH content type declared',
    lenient: 'merge patch sent as application/merge-patch+json; application/json accepted', strict: 'same' },
  { id: 'patch-partial', tmf630: 'PATCH carries any subset of attributes', document: '*_Update schemas list required attributes',
    lenient: 'a server accepting a partial patch is right', strict: 'the Update schema\'s required list applies: accepting a patch without them fails' },
  { id: 'json-charset', tmf630: 'application/json', document: 'application/json;charset=utf-8',
    lenient: 'both are the same media type (RFC 8259)', strict: 'the declared media type' },
  { id: 'undeclared-filters', tmf630: 'attribute=value filters on any attribute', document: 'no filter parameters declared',
    lenient: 'filters exercised; a server ignoring a filter or fields= fails N3–N5, which the kits treat as mandatory', strict: 'same' },
  { id: 'event-envelope', tmf630: 'an event carries the resource under `event`', document: 'the event schema\'s key: `event`, or `payload` in TMF666 v4',
    lenient: 'the resource is read under either key; the one the document does not use passes with an advisory', strict: 'only the document\'s key' },
  { id: 'mandatory-attributes', tmf630: '—', document: 'required lists of the entity schemas',
    lenient: 'the document\'s required lists, TM Forum\'s kits and the conformance profiles fail, each cited (JSON pointer, kit file and request, profile table); an attribute no checkable source requires is only noted',
    strict: 'same: a recommendation without a checkable source stays an advisory' },
] as const satisfies readonly Leniency[];

export type LeniencyId = (typeof LENIENCIES)[number]['id'];

/**
 * The leniencies strict mode can tighten: those whose strict reading differs from the default. Recommended
 * attributes (`mandatory-attributes`) are not among them: without a checkable source they stay advisories.
 */
export const STRICTABLE: readonly LeniencyId[] = LENIENCIES.filter((l) => !l.strict.startsWith('same')).map((l) => l.id);

/**
 * Which leniencies a `--strict` (or config `strict`) asks to tighten: `true`/`all` every strictable one, a list
 * (`json-charset,partial-page-status`) those. Returns the unknown names separately so the caller can refuse them.
 */
export function strictLeniencies(value: boolean | string | readonly string[] | undefined): { ids: LeniencyId[]; unknown: string[] } {
  if (value === undefined || value === false) return { ids: [], unknown: [] };
  const names = value === true ? ['all'] : (typeof value === 'string' ? value.split(',') : [...value]).map((v) => v.trim()).filter(Boolean);
  if (names.length === 0 || names.includes('all')) return { ids: [...STRICTABLE], unknown: names.filter((n) => n !== 'all' && !STRICTABLE.includes(n as LeniencyId)) };
  return { ids: STRICTABLE.filter((id) => names.includes(id)), unknown: names.filter((n) => !STRICTABLE.includes(n as LeniencyId)) };
}

export interface PolicyOptions {
  /** The letter of the document where it disagrees with TMF630. */
  strict?: boolean;
}

export function leniency(id: string): Leniency | undefined {
  return LENIENCIES.find((l) => l.id === id);
}

/** An advisory as results carry it: the reading the target took, tagged with the leniency that accepted it. */
export function advisoryNote(id: LeniencyId, text: string): string {
  return `[${id}] ${text}`;
}

/**
 * Words an advisory carries when the target took the document's reading of a disagreement (a partial page
 * answered 200): the note is kept for the report, and strict mode does not count it as a leniency taken.
 */
export const DOCUMENT_READING = "the document's reading";

/** The reason a strict-mode check fails where the default accepts with `advisoryNote(id, text)`. */
export function strictReason(id: LeniencyId, text: string): string {
  return `strict: ${advisoryNote(id, text)}`;
}

/** The leniency an advisory (or strict reason) names, if it names a known one. */
export function leniencyOf(note: string): Leniency | undefined {
  const m = /^(?:strict: )?\[([a-z0-9-]+)\] /.exec(note);
  return m ? leniency(m[1]!) : undefined;
}

/** The envelope keys an event may carry its resource under (TMF630 `event`, TMF666 v4 `payload`). */
export const EVENT_ENVELOPE_KEYS = ['event', 'payload'] as const;

/** Where to look for an event's resource: the document's key first, then the other reading (`event-envelope`). */
export function envelopeKeys(documentKey: string): string[] {
  return [...new Set([documentKey, ...EVENT_ENVELOPE_KEYS])];
}
