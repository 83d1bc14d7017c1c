import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { CtkError, isCtkError } from '../errors.js';
import { loadRunResult, renderReports, REPORTER_NAMES } from '../reporters/index.js';
import type { RunResult } from '../core/results.js';
import { assertWritableDir } from '../reporters/files.js';
import { listOption, parse } from './args.js';
import { inCI, useColor, type CliIO } from './io.js';
import { reportError, type Command } from './command.js';

const HELP = `Usage: tmf-ctk report --from DIR[/results.json] [--reporter html,junit,json,console] [--out DIR]
                      [--company NAME] [--product "NAME 1.2"] [--release R]

Renders reports again from a saved run (the results.json the json reporter wrote), for example
to add the company and product names before attaching the HTML reports to a certification.

  --from PATH       the saved run: its results.json, or the folder holding it
  --reporter LIST   ${REPORTER_NAMES.join(', ')} (comma-separated or repeated; default html)
  --out DIR         where to write (default: the directory of --from)
  --company NAME    company shown in the reports and used in the HTML file names
  --product NAME    product name and release shown in the certification header
  --release R       product release, when not part of --product

The configuration the run recorded (documents' sha256, config, strict, exclusions) is kept in every report
written, and the verdict is counted again from the cases: no option drops or changes them.

Exit codes: 0 reports written, 2 unreadable or malformed results.json, unknown reporter, or a report failed.`;

/** Console reporter output goes through the command's io, so tests capture it like any other output. */
function ioStream(io: CliIO): Writable {
  return new Writable({ write(chunk: Buffer | string, _encoding, done) { io.out(chunk.toString()); done(); } });
}

/** `--from` may name the folder a run wrote (the results.json inside it) or the file itself. */
async function savedRunFile(path: string): Promise<string> {
  const isDir = await stat(path).then((s) => s.isDirectory(), () => false);
  return isDir ? join(path, 'results.json') : path;
}

export const command: Command = {
  summary: 're-render reports (html, junit, json, console) from a saved results.json',
  async run(argv, io) {
    const { values } = parse('report', argv, {
      from: { type: 'string' }, reporter: { type: 'string', multiple: true }, out: { type: 'string' },
      company: { type: 'string' }, product: { type: 'string' }, release: { type: 'string' },
    });
    if (values.help) return io.out(HELP), 0;
    if (!values.from) throw new CtkError('USAGE', 'report needs --from DIR (or DIR/results.json)', { hint: 'see "tmf-ctk report --help"' });
    const from = await savedRunFile(resolve(io.cwd, values.from));
    const names = listOption(values.reporter);
    let result: RunResult;
    try {
      result = await loadRunResult(from);
    } catch (e) {
      // A malformed saved run is a problem with the command's input, not a conformance failure: exit 2.
      if (isCtkError(e) && e.code === 'INPUT_JSON') return reportError(e, io), 2;
      throw e;
    }
    const outDir = values.out ? resolve(io.cwd, values.out) : dirname(from);
    await assertWritableDir(outDir);
    const { files, errors } = await renderReports(result, names.length > 0 ? names : ['html'], {
      outDir,
      company: values.company, product: values.product, release: values.release,
      color: useColor(io.env), quiet: inCI(io.env), stream: ioStream(io),
    });
    for (const f of files) io.out(`wrote ${f}`);
    for (const e of errors) io.err(`error [REPORT_FAILED]: ${e.reporter} reporter: ${e.message}`);
    return errors.length > 0 ? 2 : 0;
  },
};
