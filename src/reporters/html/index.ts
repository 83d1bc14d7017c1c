import type { RunResult } from '../../core/results.js';
import { writeReportFile } from '../files.js';
import { identityOf } from '../identity.js';
import type { Reporter, ReporterOptions } from '../types.js';
import { renderApiReport, renderIndex } from './render.js';
import { apiReportView, INDEX_FILE, indexView, reportFileNames } from './view-model.js';

export { htmlReportFileName } from './view-model.js';

/** One self-contained report per API (`<COMPANY>-<API>-v<version>-HTMLReport.html`) and index.html over them. */
export function htmlReporter(options: ReporterOptions): Reporter {
  return {
    name: 'html',
    async onEnd(result: RunResult) {
      const who = identityOf(result, options);
      const names = reportFileNames(who.company, result.apis);
      const files: string[] = [];
      for (const [i, api] of result.apis.entries()) {
        files.push(await writeReportFile(options.outDir, names[i]!, renderApiReport(apiReportView(result, api, who))));
      }
      files.push(await writeReportFile(options.outDir, INDEX_FILE, renderIndex(indexView(result, who, names))));
      return files;
    },
  };
}
