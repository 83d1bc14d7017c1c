/**
 * The main job on embedded defaults: the mock of every certified API in-process on a free loopback port,
 * every suite run against it, every report written. Proves the kit end to end on a fresh machine, and
 * gives a vendor a reference report to compare theirs with.
 */
import { join } from 'node:path';
import { createMockServer } from './composition.js';
import type { ReporterOptions } from './reporters/types.js';
import { runWithReports, type ReportedRun } from './run-with-reports.js';
import type { RunOptions } from './runner/run.js';

export interface SelftestOptions extends Omit<RunOptions, 'target'> {
  /** Reporters (json always); default console, junit, html. */
  reporters?: string[];
  report: ReporterOptions;
  /** The mock's TMF622 state clock (ms per step); short so the order flow finishes quickly. */
  clockMs?: number;
}

export interface SelftestResult extends ReportedRun {
  /** Where the mock listened during the run. */
  target: string;
  /** `reports/index.html` when the html reporter ran. */
  index?: string;
}

export async function runSelftest(options: SelftestOptions): Promise<SelftestResult> {
  const apis = options.apis?.length ? options.apis : undefined;
  const mock = createMockServer({
    apis, specsDir: options.specsDir, env: options.env, clockMs: options.clockMs ?? 100,
    log: () => {}, // the mock's own warnings would interleave with the console reporter
  });
  try {
    const target = await mock.listen();
    const run = await runWithReports({
      ...options, target, apis, all: !apis, company: options.company ?? 'tmf-ctk', product: options.product ?? 'tmf-ctk mock server',
    }, options.reporters ?? [], options.report);
    const index = run.files.find((f) => f === join(options.report.outDir, 'index.html'));
    return { ...run, target, index };
  } finally {
    await mock.close();
  }
}
