/**
 * `filter-applied`: every item of an answer to `attr=value` filters matches them (TMF630 attribute
 * filtering, the same matcher the mock uses). A server ignoring the filter fails here.
 */
import { matchesFilters } from '../tmf/filter.js';
import { parseCollectionQuery, QueryError } from '../tmf/query.js';
import type { Check } from './types.js';
import { fail, idOf, is2xx, jsonBody, listed, pass, skip } from './util.js';

export const filterApplied: Check = (ex, ctx) => {
  if (!is2xx(ex)) return skip('not a 2xx answer');
  const b = jsonBody(ex, ctx);
  if ('skip' in b) return b.skip;
  let filters;
  try {
    filters = parseCollectionQuery(new URL(ex.request.url).searchParams).filters;
  } catch (e) {
    return skip(`the query cannot be read as filters: ${(e as QueryError).message}`);
  }
  if (filters.length === 0) return skip('no filter asked');
  if (!Array.isArray(b.value)) return fail('a filtered list answer is not an array', { source: 'TMF630' });
  const shown = new URL(ex.request.url).search;
  const wrong = b.value.filter((item) => !matchesFilters(item, filters));
  if (wrong.length) return fail(`filter ${decodeURIComponent(shown)} not applied: ${wrong.length} of ${b.value.length} item(s) do not match (${listed(wrong.map(idOf), 4)})`, { source: 'TMF630' });
  return pass(`${b.value.length} item(s) match`, { source: 'TMF630' });
};
