/**
 * The reporters of a run: console, json, junit, html. Each is an object of optional hooks fed by the
 * runner's events (see types.ts); ReporterMux isolates them from each other.
 */
import { CtkError } from '../errors.js';
import type { RunResult } from '../core/results.js';
import { consoleReporter } from './console.js';
import { htmlReporter } from './html/index.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { ReporterMux, type ReportOutcome } from './mux.js';
import type { Reporter, ReporterFactory, ReporterOptions } from './types.js';

export type { Reporter, ReporterFactory, ReporterOptions } from './types.js';
export { ReporterMux, type ReportError, type ReportOutcome } from './mux.js';
export { loadRunResult } from './saved-run.js';
export { summaryLine, verdictLine } from './console.js';
export { renderJunit } from './junit.js';
export { htmlReportFileName } from './html/index.js';

/** The built-in reporters, by the name used in `--reporter`. */
const FACTORIES: Record<string, ReporterFactory> = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
};

export const REPORTER_NAMES: readonly string[] = Object.keys(FACTORIES);

/** Reporters by name, in the order given, each once. An unknown name is a usage error naming the valid ones. */
export function createReporters(names: readonly string[], options: ReporterOptions): Reporter[] {
  const unique = [...new Set(names)];
  const unknown = unique.filter((n) => !Object.hasOwn(FACTORIES, n));
  if (unknown.length > 0) {
    throw new CtkError('USAGE', `unknown reporter${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}`, {
      hint: `reporters are ${REPORTER_NAMES.join(', ')}`,
    });
  }
  return unique.map((n) => FACTORIES[n]!(options));
}

/**
 * Renders reports from a finished (or saved) run: what `tmf-ctk report` does. Company, product and
 * release from the options replace the recorded ones, so results.json written here carries them too.
 */
export async function renderReports(result: RunResult, names: readonly string[], options: ReporterOptions): Promise<ReportOutcome> {
  const reporters = createReporters(names, options);
  const relabelled: RunResult = {
    ...result,
    company: options.company ?? result.company,
    product: options.product ?? result.product,
    release: options.release ?? result.release,
  };
  return new ReporterMux(reporters).end(relabelled);
}
