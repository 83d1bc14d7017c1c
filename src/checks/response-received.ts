/** `response-received`: an answer arrived (transport errors — refused, reset, timeout — fail here, with their reason). */
import type { Check } from './types.js';
import { fail, pass } from './util.js';

export const responseReceived: Check = (ex) => (ex.error ? fail(ex.error, { source: 'TMF630' }) : pass());
