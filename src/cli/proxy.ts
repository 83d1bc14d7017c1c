import { connect } from 'node:net';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { CtkError } from '../errors.js';
import { httpUrlOption } from '../http-url.js';
import { loadApis } from '../document/load.js';
import { loadSpecFile } from '../document/spec-file.js';
import { createValidatingProxy, DEFAULT_VALIDATION_CAP } from '../proxy/server.js';
import { renderReports } from '../reporters/index.js';
import { reporterNames } from '../run-with-reports.js';
import { headerOption, listOption, numberOption, parse } from './args.js';
import type { Command } from './command.js';
import { inCI, useColor, type CliIO } from './io.js';

const HELP = `Usage: tmf-ctk proxy --upstream URL [--api LIST | --all | --spec FILE] [options]

A validating proxy between any client and any TMF server: forwards every request to the upstream and
every answer back unchanged, and judges each exchange against the documents (the client's request and
the server's answer) with the same checks as "tmf-ctk run". It never blocks traffic. On Ctrl-C/SIGTERM
(or after --duration) it writes the same reports as run: one "observed traffic" case per operation.

  --upstream URL       the real server's root (required); requests keep their path and query
  --port N             port to listen on (default 8081; 0 picks a free one)
  --host ADDR          address to bind (default 127.0.0.1)
  --api LIST           APIs to judge (default: the five certified APIs); --all for all of them
  --all                every certified API
  --spec FILE          also judge the API of this document (Swagger 2.0 or OpenAPI 3.0, not in the registry); repeatable
  --out DIR            where reports go (default: reports)
  --reporter LIST      console, json, junit, html (default console, junit, html; json always)
  --header 'N: v'      header added to every forwarded request (credentials); never in reports in clear
  --duration S         stop by itself after S seconds and write the reports
  --record FILE        also save the resources seen as seed data for "tmf-ctk mock --seed FILE"
  --quiet-headers      do not add X-Tmf-Ctk-Violations to answers
  --max-exchanges N    exchanges kept in full for the reports (default 1000); later ones are summarised
  --memo N             distinct exchanges whose judgment is reused when repeated byte for byte (default 512; 0: judge each anew)
  --timeout MS         upstream timeout per request (default 30000)
  --strict             the letter of the documents where they disagree with TMF630
  --specs DIR          where the published documents are

Exit codes: 0 no violation observed, 1 a violation was recorded, 2 usage error or unreachable upstream.`;

const OPTIONS = {
  upstream: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, api: { type: 'string', multiple: true },
  all: { type: 'boolean' }, out: { type: 'string' }, reporter: { type: 'string', multiple: true }, header: { type: 'string', multiple: true },
  duration: { type: 'string' }, record: { type: 'string' }, 'quiet-headers': { type: 'boolean' }, 'max-exchanges': { type: 'string' },
  memo: { type: 'string' }, timeout: { type: 'string' }, strict: { type: 'boolean' }, specs: { type: 'string' }, spec: { type: 'string', multiple: true },
} as const;

function upstreamUrl(raw: string | undefined): URL {
  if (!raw) throw new CtkError('USAGE', 'proxy needs --upstream URL', { hint: 'e.g. tmf-ctk proxy --upstream https://tmf.example.com' });
  return httpUrlOption('upstream', raw);
}

/** A TCP connection to the upstream at start: a typo or a server that is down is said at once (exit 2). */
function reachable(u: URL, timeoutMs = 3000): Promise<void> {
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return new Promise((done, failed) => {
    const socket = connect({ host: u.hostname.replace(/^\[|\]$/g, ''), port, timeout: timeoutMs });
    const stop = (e?: Error) => {
      socket.destroy();
      if (!e) return done();
      failed(new CtkError('UPSTREAM_UNREACHABLE', `cannot connect to ${u.host}: ${e.message}`, { hint: 'check --upstream, and that the server runs' }));
    };
    socket.once('connect', () => stop());
    socket.once('timeout', () => stop(new Error(`no connection within ${timeoutMs} ms`)));
    socket.once('error', stop);
  });
}

function until(durationS: number | undefined): Promise<string> {
  return new Promise((done) => {
    const timer = durationS === undefined ? undefined : setTimeout(() => finish('duration'), durationS * 1000);
    const onInt = () => finish('SIGINT');
    const onTerm = () => finish('SIGTERM');
    function finish(why: string): void {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(why);
    }
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

const ioStream = (io: CliIO): Writable => new Writable({ write(chunk: Buffer | string, _e, done) { io.out(chunk.toString()); done(); } });

export const command: Command = {
  summary: 'validating proxy: judge live traffic between a client and a TMF server',
  async run(argv, io) {
    const { values } = parse('proxy', argv, OPTIONS);
    if (values.help) return io.out(HELP), 0;
    const upstream = upstreamUrl(values.upstream);
    const apiList = listOption(values.api).join(',');
    if (apiList && values.all) throw new CtkError('USAGE', '--api and --all do not go together', { hint: 'see "tmf-ctk proxy --help"' });
    const names = reporterNames(listOption(values.reporter));
    const durationS = values.duration === undefined ? undefined : numberOption('duration', values.duration, 0, { min: 1, max: 86_400 * 30 });
    const documents = (values.spec ?? []).map((f) => loadSpecFile(resolve(io.cwd, f)));
    const registered = documents.length && !apiList && !values.all ? [] : loadApis(apiList || undefined, { all: values.all, specsDir: values.specs ? resolve(io.cwd, values.specs) : undefined, env: io.env });
    const apis = [...documents, ...registered];
    await reachable(upstream);
    const quiet = inCI(io.env);
    const proxy = createValidatingProxy({
      upstream: upstream.href, apis, host: values.host ?? '127.0.0.1', port: numberOption('port', values.port, 8081, { max: 65535 }),
      strict: values.strict, quietHeaders: values['quiet-headers'], headers: headerOption(values.header ?? []), record: Boolean(values.record),
      maxExchanges: numberOption('max-exchanges', values['max-exchanges'], 1000, { min: 1, max: 1_000_000 }),
      memoEntries: numberOption('memo', values.memo, 512, { min: 0, max: 100_000 }),
      timeoutMs: numberOption('timeout', values.timeout, 30_000, { min: 1, max: 600_000 }), validationCap: DEFAULT_VALIDATION_CAP,
      onExchange: (ex, failed) => {
        if (quiet || !failed.length) return;
        io.out(`✗ ${ex.step} → ${ex.response?.status ?? 'no answer'}: ${failed.map((f) => `${f.check}: ${f.reason ?? 'failed'}`).join('; ').slice(0, 400)}`);
      },
    });
    const stopped = until(durationS);
    const url = await proxy.listen();
    io.out(`listening on ${url}`);
    io.out(`  forwarding to ${upstream.href.replace(/\/+$/, '')}; judging ${apis.map((a) => `${a.id} ${a.version}`).join(', ')}`);
    const why = await stopped;
    await proxy.close();
    const t = proxy.traffic;
    io.err(`${why}: stopping; ${t.exchanges} exchange(s) judged, ${t.violations} violation(s) (${t.violations - t.clientViolations} in the server's answers, ${t.clientViolations} in the client's requests), ${t.unknown} outside every known API`);
    if (values.record) {
      await proxy.recorder.write(resolve(io.cwd, values.record));
      io.out(`wrote ${resolve(io.cwd, values.record)}`);
    }
    const { files, errors } = await renderReports(t.result(), names, { outDir: resolve(io.cwd, values.out ?? 'reports'), color: useColor(io.env), quiet, stream: ioStream(io) });
    for (const f of files) io.out(`wrote ${f}`);
    for (const e of errors) io.err(`error [REPORT_FAILED]: ${e.reporter} reporter: ${e.message}`);
    if (errors.length) return 2;
    return t.violations > 0 ? 1 : 0;
  },
};
