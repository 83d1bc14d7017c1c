/**
 * A conformance run with its reports: the runner's events go through the reporter multiplexer, and the
 * files written come back. `tmf-ctk run` and `tmf-ctk selftest` are both shells over this.
 */
import { createReporters, ReporterMux, type ReportError } from './reporters/index.js';
import type { ReporterOptions } from './reporters/types.js';
import type { RunEventListener } from './runner/events.js';
import type { RunResult } from './core/results.js';
import { runConformance, type GeneratorOptions } from './composition.js';
import { exitCodeFor } from './core/verdict.js';
import type { RunOptions } from './runner/run.js';

export interface ReportedRun {
  result: RunResult;
  files: string[];
  errors: ReportError[];
}

/** Reporter names to use: the ones asked for (default console, junit, html), json always. */
export function reporterNames(asked: readonly string[]): string[] {
  return [...new Set([...(asked.length ? asked : ['console', 'junit', 'html']), 'json'])];
}

/** Any run that emits run events (native runner, newman collection), with its reports. */
export async function reportRun(
  execute: (onEvent: RunEventListener) => Promise<RunResult>, reporters: readonly string[], options: ReporterOptions,
): Promise<ReportedRun> {
  const mux = new ReporterMux(createReporters(reporterNames(reporters), options));
  const result = await execute((e) => mux.emit(e));
  const { files, errors } = await mux.end(result);
  return { result, files, errors };
}

export async function runWithReports(run: RunOptions & GeneratorOptions, reporters: readonly string[], options: ReporterOptions): Promise<ReportedRun> {
  return reportRun((onEvent) => runConformance({ ...run, onEvent: (e) => { onEvent(e); run.onEvent?.(e); } }), reporters,
    { ...options, company: options.company ?? run.company, product: options.product ?? run.product, release: options.release ?? run.release });
}

/**
 * The exit code of a run's verdict (docs/verdict.md): 0 conformant, 1 not conformant, 2 error (the run could not
 * complete), 3 conformant with exclusions (1 with `noExclusions`).
 */
export function exitCodeOf(result: RunResult, options: { noExclusions?: boolean } = {}): number {
  return exitCodeFor(result.error ? 'error' : result.summary.verdict, options);
}

const RUN_ERROR_HINTS: Record<string, string> = {
  TARGET_UNREACHABLE: 'check --target and that the server is running and reachable from here; the reports were written; the cases it could not send are "not run"',
  RUN_INCOMPLETE: 'the target stopped answering during the run; the cases it could not run are "not run" in the reports',
};

/** A run that could not complete, in the documented `error [CODE]: message` / `hint:` form (for stderr). */
export function runErrorText(result: RunResult): string | undefined {
  if (!result.error) return undefined;
  const hint = RUN_ERROR_HINTS[result.error.code];
  return `error [${result.error.code}]: ${result.error.message}${hint ? `\nhint: ${hint}` : ''}`;
}
