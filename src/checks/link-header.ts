/**
 * `link-header`: a Link header, when sent, parses per RFC 8288 §3 (`<URI>; rel="…"`, entries separated by
 * commas) and each URI names one page (one query string). Whether its URIs fetch the pages they name is
 * judged on the steps that follow them (`same-page`).
 */
import { header } from '../tmf/media-types.js';
import { parseLinkHeader } from '../tmf/links.js';
import type { Check } from './types.js';
import { fail, listed, pass, skip } from './util.js';

export const linkHeader: Check = (ex) => {
  if (!ex.response) return skip('no response');
  const value = header(ex.response.headers, 'link');
  if (value === undefined) return skip('no Link header sent');
  const { entries, problems } = parseLinkHeader(value);
  if (problems.length) return fail(`malformed Link header: ${listed(problems, 3)}`, { source: 'RFC', cite: 'RFC 8288 §3 (Link serialisation in HTTP headers)' });
  return pass(entries.map((e) => e.rels.join(' ')).join(', '), { source: 'RFC' });
};
