/**
 * Never cry wolf: where TMF630 and the published documents disagree, a target may follow either.
 * Each disagreement is named here, once; checks accept both readings and record an advisory,
 * unless strict mode asks for the letter of the document.
 */
export interface Leniency {
  id: string;
  tmf630: string;
  document: string;
  /** What a check does by default (both accepted) and in strict mode. */
  lenient: string;
  strict: string;
}

export const LENIENCIES: readonly Leniency[] = [
  { id: 'partial-page-status', tmf630: '206 Partial Content for a partial page', document: 'only 200 declared for list operations',
    lenient: '200 and 206 accepted; paging headers must be consistent', strict: 'only the declared 200 accepted' },
  { id: 'fields-extra-keys', tmf630: 'selected attributes plus id, href, @type', document: 'fields parameter declared, no rule',
    lenient: 'id, href and @type may come back beside the selection', strict: 'only the selected attributes and id' },
  { id: 'patch-media-type', tmf630: 'application/merge-patch+json (and json-patch+json)', document: 'no PATCH content type declared',
    lenient: 'merge patch sent as application/merge-patch+json; application/json accepted', strict: 'same' },
  { id: 'patch-partial', tmf630: 'PATCH carries any subset of attributes', document: '*_Update schemas list required attributes',
    lenient: 'a server accepting a partial patch is right', strict: 'the Update schema\'s required list applies' },
  { id: 'json-charset', tmf630: 'application/json', document: 'application/json;charset=utf-8',
    lenient: 'both are the same media type (RFC 8259)', strict: 'the declared media type' },
  { id: 'undeclared-filters', tmf630: 'attribute=value filters on any attribute', document: 'no filter parameters declared',
    lenient: 'filters exercised; a server ignoring them fails only optional cases', strict: 'same' },
  { id: 'mandatory-attributes', tmf630: '—', document: 'required lists of the entity schemas',
    lenient: 'the conformance profile of each API (what TM Forum kits check) is enforced and named', strict: 'profile and document required lists' },
];

export interface PolicyOptions {
  /** The letter of the document where it disagrees with TMF630. */
  strict?: boolean;
}

export function leniency(id: string): Leniency | undefined {
  return LENIENCIES.find((l) => l.id === id);
}
