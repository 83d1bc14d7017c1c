/** `no-event`: after unsubscribing, no notification about the resource arrives. */
import type { Check } from './types.js';
import { fail, pass } from './util.js';

export const noEvent: Check = (ex) => (ex.request.body
  ? fail(`a notification arrived after unsubscribing: ${ex.request.body.slice(0, 120)}`, { source: 'TMF630' })
  : pass('no notification', { source: 'TMF630' }));
