/**
 * A conformance run with its reports: the runner's events go through the reporter multiplexer, and the
 * files written come back. `tmf-ctk run` and `tmf-ctk selftest` are both shells over this.
 */
import { createReporters, ReporterMux, type ReportError } from './reporters/index.js';
import type { ReporterOptions } from './reporters/types.js';
import type { RunEventListener } from './runner/events.js';
import type { RunResult } from './core/results.js';
import { runConformance, type GeneratorOptions } from './composition.js';
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

/** 0 every mandatory case passed, 1 a mandatory case failed, 2 the target could not be reached. */
export function exitCodeOf(result: RunResult): number {
  if (result.error) return 2;
  return result.summary.mandatory.failed > 0 || !result.summary.conformant ? 1 : 0;
}
