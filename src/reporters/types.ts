import type { RunEvent, RunResult } from '../core/results.js';

export interface ReporterOptions {
  /** Output directory (`--out`, default `reports`). */
  outDir: string;
  company?: string;
  product?: string;
  release?: string;
  /** Console: no colour (NO_COLOR or not a TTY). */
  color?: boolean;
  /** Console: quiet progress (CI=true). */
  quiet?: boolean;
  /** Console output stream (tests pass their own). */
  stream?: NodeJS.WritableStream;
}

/**
 * A reporter is an object of optional hooks (Playwright style). `onEvent` sees every run event;
 * `onEnd` gets the final result and returns the files it wrote. A reporter that throws is
 * isolated by the multiplexer: the others still run, and the failure is reported.
 */
export interface Reporter {
  readonly name: string;
  onEvent?(event: RunEvent): void;
  onEnd?(result: RunResult): Promise<string[]> | string[];
}

export type ReporterFactory = (options: ReporterOptions) => Reporter;
