/**
 * The checks, by id: an explicit map (no registration by import side effect). The id is the name in
 * config (`disableChecks`), results and reports.
 */
import { attributeValue } from './attribute-value.js';
import { attributesEchoed } from './attributes-echoed.js';
import { cartTotals } from './cart-totals.js';
import { contentTypeJson } from './content-type-json.js';
import { errorShape } from './error-shape.js';
import { eventConformance } from './event-conformance.js';
import { fieldsSelection } from './fields-selection.js';
import { filterApplied } from './filter-applied.js';
import { hrefResolvable } from './href-resolvable.js';
import { jsonBody } from './json-body.js';
import { listContains } from './list-contains.js';
import { mandatoryAttributes } from './mandatory-attributes.js';
import { noEvent } from './no-event.js';
import { noServerError } from './no-server-error.js';
import { pagingHeaders } from './paging-headers.js';
import { responseReceived } from './response-received.js';
import { responseSchema } from './response-schema.js';
import { statusCodeConformance } from './status-code-conformance.js';
import type { CheckId } from '../core/check-ids.js';
import { totalCount } from './total-count.js';
import { offsetHonoured } from './offset-honoured.js';
import { emptyPage } from './empty-page.js';
import { linkHeader } from './link-header.js';
import { samePage } from './same-page.js';
import { locationHeader } from './location-header.js';
import type { Check } from './types.js';

/** Every id of CHECK_IDS (src/core/check-ids.ts) and no other: the type fails the build otherwise. */
export const CHECKS: Readonly<Record<CheckId, Check>> = {
  'response-received': responseReceived,
  'status-code-conformance': statusCodeConformance,
  'no-server-error': noServerError,
  'content-type-json': contentTypeJson,
  'json-body': jsonBody,
  'response-schema': responseSchema,
  'mandatory-attributes': mandatoryAttributes,
  'attributes-echoed': attributesEchoed,
  'href-resolvable': hrefResolvable,
  'error-shape': errorShape,
  'paging-headers': pagingHeaders,
  'total-count': totalCount,
  'offset-honoured': offsetHonoured,
  'empty-page': emptyPage,
  'link-header': linkHeader,
  'same-page': samePage,
  'location-header': locationHeader,
  'fields-selection': fieldsSelection,
  'filter-applied': filterApplied,
  'list-contains': listContains,
  'attribute-value': attributeValue,
  'cart-totals': cartTotals,
  'event-conformance': eventConformance,
  'no-event': noEvent,
};

export { CHECK_IDS, isCheckId, type CheckId } from '../core/check-ids.js';

export type { Check, CheckContext, CheckOutcome, ParsedBody } from './types.js';
