/** Counting: per API and for the run, from the case results (the rules live in src/core/verdict.ts). */
export { runSummary, summarize } from '../core/verdict.js';
