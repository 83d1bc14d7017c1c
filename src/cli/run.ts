import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { CtkError } from '../errors.js';
import { loadSpecFile } from '../document/spec-file.js';
import { loadConfigFile, type RunConfig } from '../runner/config.js';
import { runKit } from '../collection/index.js';
import { runConformance } from '../composition.js';
import type { RunEventListener } from '../runner/events.js';
import type { RunOptions } from '../runner/run.js';
import { mergeRuns } from '../runner/summary.js';
import type { RunResult } from '../core/results.js';
import type { ReporterOptions } from '../reporters/types.js';
import { summaryLine } from '../reporters/console.js';
import { assertWritableDir } from '../reporters/files.js';
import { reportRun, runErrorText, type ReportedRun } from '../run-with-reports.js';
import { generatorSeedOption, headerOption, listOption, numberOption, parse } from './args.js';
import { inCI, useColor, type CliIO } from './io.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk run --target URL (--api TMF663[,TMF622…] | --all | --spec FILE) [options]
       tmf-ctk run --collection FILE [--environment FILE] [--target URL] [options]
       tmf-ctk run --ctk KIT [--ctk KIT…] [--target URL] [--api LIST | --all] [options]

Runs the conformance suites against a server: per resource the kits' cases (TC_<Resource>_N1…N5, E1…E3)
and ours (PATCH, DELETE, PAGING, NOTIF, FLOW…), each request checked (status, content type, schema,
mandatory attributes, href, error shape, paging, fields, filters…).

  --target URL        the server root; each API's published base path is appended (or the config's)
  --api LIST          APIs to run (TMF663,TMF622,TMF699,TMF671,TMF666; TMF671@4.0.0 for v4.0.0)
  --all               every certified API
  --spec FILE         a TM Forum API document not in the registry (Swagger 2.0 or OpenAPI 3.0), repeatable:
                      its suite is generated from the document (docs/any-document.md); with or without --api
  --generator-seed N  seed of the payloads generated for documents without suites/ folders (default 1)
  --config FILE       JSON: payloads, headers, base paths, features or checks to skip, per API
  --reporter LIST     console, json, junit, html (default: all four; json is always written)
  --out DIR           where reports go (default: reports)
  --timeout MS        per-request timeout (default 10000)
  --header 'N: v'     extra request header, repeatable (auth); never written to reports in clear
  --company NAME      company shown in the reports
  --product NAME      product (and release) shown in the reports
  --strict[=LIST]     the letter of the documents where they disagree with TMF630: every leniency, or those
                      listed (json-charset,partial-page-status…); each one taken fails once per API
  --specs DIR         where the published documents are
  --collection FILE   run a Postman collection (one exported by "tmf-ctk export", or a TM Forum kit) through
                      newman instead; each top-level folder is a case; the same reporters
  --environment FILE  a Postman environment for --collection
  --ctk KIT           run a TM Forum Conformance Test Kit (its folder or .zip) as its index.js does: config.json's
                      headers and payloads, its collection through newman, each kit folder a case; repeatable.
                      With --api or --all the native suites run too: one report per API with both sections
  --no-exclusions     exit 1 instead of 3 when the verdict is "conformant with exclusions"

Exit codes (docs/verdict.md): 0 CONFORMANT; 1 NOT CONFORMANT (a mandatory case failed, ran no check, or none
passed); 2 usage or setup error, or ERROR (the run could not complete: unreachable target, breaker open; the
reports are still written); 3 CONFORMANT WITH EXCLUSIONS (the config excluded a mandatory case or disabled a
check one relies on), 1 under --no-exclusions.`;


function ioStream(io: CliIO): Writable {
  return new Writable({ write(chunk: Buffer | string, _encoding, done) { io.out(chunk.toString()); done(); } });
}


type RunValues = { target?: string; api?: string[]; all?: boolean; spec?: string[]; 'generator-seed'?: string; config?: string; specs?: string; strict?: string; company?: string; product?: string; ctk?: string[] };

function nativeOptions(values: RunValues, config: RunConfig, timeoutMs: number | undefined, headers: Record<string, string>, io: CliIO): RunOptions & { generatorSeed?: number } {
  const apis = listOption(values.api);
  if (apis.length > 0 && values.all) throw new CtkError('USAGE', '--api and --all do not go together', { hint: 'see "tmf-ctk run --help"' });
  if (!values.target) throw new CtkError('USAGE', 'run needs --target URL', { hint: 'see "tmf-ctk run --help"' });
  const documents = (values.spec ?? []).map((f) => loadSpecFile(resolve(io.cwd, f)));
  if (apis.length === 0 && !values.all && documents.length === 0) throw new CtkError('USAGE', 'run needs --api LIST, --all or --spec FILE', { hint: 'see "tmf-ctk run --help"' });
  return {
    target: values.target, apis, all: values.all, documents, generatorSeed: generatorSeedOption(values['generator-seed']), config, specsDir: values.specs, env: io.env, timeoutMs, headers,
    strict: values.strict === undefined ? undefined : values.strict === 'all' ? true : listOption([values.strict]), company: values.company ?? config.company, product: values.product ?? config.product, release: config.release,
    onNotice: (m) => io.err(`note: ${m}`),
  };
}

/** Native suites (with --api/--all) and TM Forum kits (--ctk), one after the other, merged into one result. */
async function runSuitesAndKits(values: RunValues, timeoutMs: number | undefined, headers: Record<string, string>, names: string[],
  report: ReporterOptions, io: CliIO): Promise<ReportedRun> {
  const kits = (values.ctk ?? []).map((k) => resolve(io.cwd, k));
  const native = kits.length === 0 || values.api || values.all || values.spec;
  if (!native && (values.config || values.strict)) throw new CtkError('USAGE', '--config and --strict apply to the native suites: add --api or --all');
  const loaded = values.config ? await loadConfigFile(resolve(io.cwd, values.config)) : undefined;
  const config: RunConfig = loaded?.config ?? {};
  const options = native ? { ...nativeOptions(values, config, timeoutMs, headers, io), ...(loaded ? { configFile: loaded.file } : {}) } : undefined;
  const who = { company: values.company ?? config.company, product: values.product ?? config.product, release: config.release };
  return reportRun(async (onEvent: RunEventListener) => {
    const runs: RunResult[] = options ? [await runConformance({ ...options, onEvent })] : [];
    for (const kit of kits) {
      runs.push(await runKit({ kit, target: values.target, timeoutMs, headers, ...who, onEvent, onNotice: (m) => io.err(`note: ${m}`) }));
    }
    return runs.length === 1 ? runs[0]! : mergeRuns(runs);
  }, names, { ...report, ...who });
}

export const command: Command = {
  summary: 'run the conformance suites against a server and write reports',
  async run(argv, io) {
    // `--strict` alone means every leniency: parseArgs has no optional values, so it becomes `--strict=all`.
    const { values } = parse('run', argv.map((a) => (a === '--strict' ? '--strict=all' : a)), {
      target: { type: 'string' }, api: { type: 'string', multiple: true }, all: { type: 'boolean' }, spec: { type: 'string', multiple: true }, 'generator-seed': { type: 'string' }, config: { type: 'string' },
      reporter: { type: 'string', multiple: true }, out: { type: 'string' }, timeout: { type: 'string' },
      header: { type: 'string', multiple: true }, company: { type: 'string' }, product: { type: 'string' },
      strict: { type: 'string' }, specs: { type: 'string' }, collection: { type: 'string' }, environment: { type: 'string' }, ctk: { type: 'string', multiple: true },
      'no-exclusions': { type: 'boolean' },
    });
    if (values.help) return io.out(HELP), 0;
    if (values.collection && (values.api || values.all || values.spec || values.config || values.strict)) {
      throw new CtkError('USAGE', '--collection runs the collection as it is: --api, --all, --spec, --config and --strict do not apply');
    }
    if (values.environment && !values.collection) throw new CtkError('USAGE', '--environment goes with --collection');
    if (values.collection && values.ctk) throw new CtkError('USAGE', '--collection and --ctk do not go together: --ctk runs a kit\'s own collection');
    const names = listOption(values.reporter);
    const timeoutMs = values.timeout === undefined ? undefined : numberOption('timeout', values.timeout, 10_000, { min: 1, max: 600_000, what: 'a number of milliseconds', integer: true });
    const headers = headerOption(values.header ?? []);
    // Before any request: minutes of testing must not end in reports that cannot be written.
    await assertWritableDir(resolve(io.cwd, values.out ?? 'reports'));
    const report = { outDir: resolve(io.cwd, values.out ?? 'reports'), color: useColor(io.env), quiet: inCI(io.env), stream: ioStream(io),
      company: values.company, product: values.product };
    // The engine is loaded after the options are read: --help and usage errors start in a few milliseconds.
    const { exitCodeOf } = await import('../run-with-reports.js');
    const { result, files, errors } = values.collection
      ? await reportRun(async (onEvent) => (await import('../collection/index.js')).runCollection({
        collection: resolve(io.cwd, values.collection!), environment: values.environment && resolve(io.cwd, values.environment),
        target: values.target, timeoutMs, headers, company: values.company, product: values.product, onEvent,
      }), names, report)
      : await runSuitesAndKits(values, timeoutMs, headers, names, report, io);
    if (names.length > 0 && !names.includes('console')) io.out(summaryLine(result.summary.cases));
    for (const f of files) io.out(`wrote ${f}`);
    for (const e of errors) io.err(`error [REPORT_FAILED]: ${e.reporter} reporter: ${e.message}`);
    // Whatever the reporters, a run that could not complete says so on stderr, once.
    const runError = runErrorText(result);
    if (runError) io.err(runError);
    return errors.length > 0 ? 2 : exitCodeOf(result, { noExclusions: values['no-exclusions'] });
  },
};
