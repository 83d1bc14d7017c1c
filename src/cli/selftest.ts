import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { exitCodeOf, runErrorText } from '../run-with-reports.js';
import { runSelftest } from '../selftest.js';
import { listOption, parse } from './args.js';
import { inCI, useColor } from './io.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk selftest [--api LIST] [--out DIR] [--reporter LIST] [--company X] [--product Y] [--specs DIR]

Starts the mock of every certified API in-process on a free 127.0.0.1 port, runs every suite against it,
writes every report (default: reports/) and prints the path of reports/index.html and the verdict.
This is what "npm start" runs.

Exit codes: 0 conformant (the kit works end to end), 1 a mandatory case failed, 2 usage error.`;

export const command: Command = {
  summary: 'run every suite against the embedded mock and write the reports (npm start)',
  async run(argv, io) {
    const { values } = parse('selftest', argv, {
      api: { type: 'string', multiple: true }, out: { type: 'string' }, reporter: { type: 'string', multiple: true },
      company: { type: 'string' }, product: { type: 'string' }, specs: { type: 'string' },
    });
    if (values.help) return io.out(HELP), 0;
    const outDir = resolve(io.cwd, values.out ?? 'reports');
    const stream = new Writable({ write(chunk: Buffer | string, _e, done) { io.out(chunk.toString()); done(); } });
    const r = await runSelftest({
      apis: listOption(values.api), specsDir: values.specs, env: io.env, company: values.company, product: values.product,
      reporters: listOption(values.reporter),
      report: { outDir, color: useColor(io.env), quiet: inCI(io.env), stream },
    });
    for (const e of r.errors) io.err(`error [REPORT_FAILED]: ${e.reporter} reporter: ${e.message}`);
    io.out(`mock target: ${r.target} (stopped)`);
    io.out(`reports: ${outDir}`);
    if (r.index) io.out(`open ${r.index}`);
    io.out(`verdict: ${r.result.summary.verdict}`);
    const runError = runErrorText(r.result);
    if (runError) io.err(runError);
    return r.errors.length > 0 ? 2 : exitCodeOf(r.result);
  },
};
