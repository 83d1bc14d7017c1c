/** `no-server-error`: a request the kit sends never makes the server fail with a 5xx. */
import type { Check } from './types.js';
import { fail, pass, skip } from './util.js';

export const noServerError: Check = (ex) => {
  if (!ex.response) return skip('no response');
  return ex.response.status >= 500 ? fail(`server error ${ex.response.status} on ${ex.request.method} ${ex.request.url}`, { source: 'TMF630' }) : pass();
};
