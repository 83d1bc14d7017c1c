import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { CtkError } from '../errors.js';
import { loadConfigFile, type RunConfig } from '../runner/config.js';
import { runCollection } from '../collection/index.js';
import type { ReporterOptions } from '../reporters/types.js';
import { summaryLine } from '../reporters/console.js';
import { assertWritableDir } from '../reporters/files.js';
import { exitCodeOf, reportRun, runErrorText, runWithReports, type ReportedRun } from '../run-with-reports.js';
import { listOption, numberOption, parse } from './args.js';
import { useColor, type CliIO } from './io.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk run --target URL (--api TMF663[,TMF622…] | --all) [options]
       tmf-ctk run --collection FILE [--environment FILE] [--target URL] [options]

Runs the conformance suites against a server: per resource the kits' cases (TC_<Resource>_N1…N5, E1…E3)
and ours (PATCH, DELETE, PAGING, NOTIF, FLOW…), each request checked (status, content type, schema,
mandatory attributes, href, error shape, paging, fields, filters…).

  --target URL        the server root; each API's published base path is appended (or the config's)
  --api LIST          APIs to run (TMF663,TMF622,TMF699,TMF671,TMF666; TMF671@4.0.0 for v4.0.0)
  --all               every certified API
  --config FILE       JSON: payloads, headers, base paths, features or checks to skip, per API
  --reporter LIST     console, json, junit, html (default: all four; json is always written)
  --out DIR           where reports go (default: reports)
  --timeout MS        per-request timeout (default 10000)
  --header 'N: v'     extra request header, repeatable (auth); never written to reports in clear
  --company NAME      company shown in the reports
  --product NAME      product (and release) shown in the reports
  --strict            the letter of the documents where they disagree with TMF630
  --specs DIR         where the published documents are
  --collection FILE   run a Postman collection (one exported by "tmf-ctk export", or a TM Forum kit) through
                      newman instead; each top-level folder is a case; the same reporters
  --environment FILE  a Postman environment for --collection
  --no-exclusions     exit 1 instead of 3 when the verdict is "conformant with exclusions"

Exit codes (docs/verdict.md): 0 CONFORMANT; 1 NOT CONFORMANT (a mandatory case failed, ran no check, or none
passed); 2 usage or setup error, or ERROR (the run could not complete: unreachable target, breaker open; the
reports are still written); 3 CONFORMANT WITH EXCLUSIONS (the config excluded a mandatory case or disabled a
check one relies on), 1 under --no-exclusions.`;

function headerOption(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of raw) {
    const i = h.indexOf(':');
    const name = i > 0 ? h.slice(0, i).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw new CtkError('USAGE', `--header "${h}" is not "Name: value"`);
    out[name] = h.slice(i + 1).trim();
  }
  return out;
}

function ioStream(io: CliIO): Writable {
  return new Writable({ write(chunk: Buffer | string, _encoding, done) { io.out(chunk.toString()); done(); } });
}


type RunValues = { target?: string; api?: string[]; all?: boolean; config?: string; specs?: string; strict?: boolean; company?: string; product?: string };

async function runNative(values: RunValues, timeoutMs: number | undefined, headers: Record<string, string>, names: string[],
  report: ReporterOptions, io: CliIO): Promise<ReportedRun> {
  const apis = listOption(values.api);
  if (apis.length > 0 && values.all) throw new CtkError('USAGE', '--api and --all do not go together', { hint: 'see "tmf-ctk run --help"' });
  if (!values.target) throw new CtkError('USAGE', 'run needs --target URL', { hint: 'see "tmf-ctk run --help"' });
  if (apis.length === 0 && !values.all) throw new CtkError('USAGE', 'run needs --api LIST or --all', { hint: 'see "tmf-ctk run --help"' });
  const loaded = values.config ? await loadConfigFile(resolve(io.cwd, values.config)) : undefined;
  const config: RunConfig = loaded?.config ?? {};
  const who = { company: values.company ?? config.company, product: values.product ?? config.product, release: config.release };
  return runWithReports({
    target: values.target, apis, all: values.all, config, ...(loaded ? { configFile: loaded.file } : {}), specsDir: values.specs, env: io.env, timeoutMs, headers,
    strict: values.strict, ...who, onNotice: (m) => io.err(`note: ${m}`),
  }, names, { ...report, ...who });
}

export const command: Command = {
  summary: 'run the conformance suites against a server and write reports',
  async run(argv, io) {
    const { values } = parse('run', argv, {
      target: { type: 'string' }, api: { type: 'string', multiple: true }, all: { type: 'boolean' }, config: { type: 'string' },
      reporter: { type: 'string', multiple: true }, out: { type: 'string' }, timeout: { type: 'string' },
      header: { type: 'string', multiple: true }, company: { type: 'string' }, product: { type: 'string' },
      strict: { type: 'boolean' }, specs: { type: 'string' }, collection: { type: 'string' }, environment: { type: 'string' },
      'no-exclusions': { type: 'boolean' },
    });
    if (values.help) return io.out(HELP), 0;
    if (values.collection && (values.api || values.all || values.config || values.strict)) {
      throw new CtkError('USAGE', '--collection runs the collection as it is: --api, --all, --config and --strict do not apply');
    }
    if (values.environment && !values.collection) throw new CtkError('USAGE', '--environment goes with --collection');
    const names = listOption(values.reporter);
    const timeoutMs = values.timeout === undefined ? undefined : numberOption('timeout', values.timeout, 10_000, { min: 1, max: 600_000, what: 'a number of milliseconds', integer: true });
    const headers = headerOption(values.header ?? []);
    // Before any request: minutes of testing must not end in reports that cannot be written.
    await assertWritableDir(resolve(io.cwd, values.out ?? 'reports'));
    const report = { outDir: resolve(io.cwd, values.out ?? 'reports'), color: useColor(io.env), quiet: io.env.CI === 'true', stream: ioStream(io),
      company: values.company, product: values.product };
    const { result, files, errors } = values.collection
      ? await reportRun((onEvent) => runCollection({
        collection: resolve(io.cwd, values.collection!), environment: values.environment && resolve(io.cwd, values.environment),
        target: values.target, timeoutMs, headers, company: values.company, product: values.product, onEvent,
      }), names, report)
      : await runNative(values, timeoutMs, headers, names, report, io);
    if (names.length > 0 && !names.includes('console')) io.out(summaryLine(result.summary.cases));
    for (const f of files) io.out(`wrote ${f}`);
    for (const e of errors) io.err(`error [REPORT_FAILED]: ${e.reporter} reporter: ${e.message}`);
    // Whatever the reporters, a run that could not complete says so on stderr, once.
    const runError = runErrorText(result);
    if (runError) io.err(runError);
    return errors.length > 0 ? 2 : exitCodeOf(result, { noExclusions: values['no-exclusions'] });
  },
};
