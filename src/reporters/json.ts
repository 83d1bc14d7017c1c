import type { RunResult } from '../core/results.js';
import { writeReportFile } from './files.js';
import type { Reporter, ReporterOptions } from './types.js';

/** `results.json`: the whole RunResult, unchanged, so `tmf-ctk report --from` can render it again. */
export function jsonReporter(options: ReporterOptions): Reporter {
  return {
    name: 'json',
    async onEnd(result: RunResult) {
      return [await writeReportFile(options.outDir, 'results.json', `${JSON.stringify(result, null, 2)}\n`)];
    },
  };
}
