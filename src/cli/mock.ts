import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CtkError } from '../errors.js';
import { isDatabaseUrl } from '../mock/open-store.js';
import { startPrismMock } from '../mock/prism.js';
import type { TenantsConfig } from '../mock/tenancy.js';
import { createMockServer } from '../composition.js';
import { readSeedFile } from '../mock/seed-file.js';
import { findEntry, selectEntries } from '../document/registry.js';
import { loadSpecFile } from '../document/spec-file.js';
import { generatorSeedOption, listOption, numberOption, parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk mock [options]

Starts the stateful, spec-driven mock of the selected APIs on one port, each under its published
base path (e.g. /tmf-api/shoppingCart/v4/shoppingCart). GET / lists the APIs; <basePath>/api-docs
serves each document. Prints "listening on http://HOST:PORT" once ready; Ctrl-C stops it cleanly.

Options:
  --port N             port to listen on (default 8080; 0 picks a free one)
  --host ADDR          address to bind (default 127.0.0.1: only this machine)
  --api LIST           APIs to serve, e.g. TMF663,TMF622 or TMF671@4.0.0 (default: all five)
  --all                all five certified APIs
  --spec FILE          also (or only) serve a TM Forum API document not in the registry (Swagger 2.0 or
                       OpenAPI 3.0), repeatable; its seed data is generated from the document
  --generator-seed N   seed of the data generated for documents without mocks/ folders (default 1)
  --data FILE|URL      persist in this SQLite file (created if missing), or in PostgreSQL
                       (postgres://USER@HOST:PORT/DB): instances given the same URL are one sandbox;
                       default in memory
  --tenants FILE       one sandbox per tenant, chosen by bearer token: {"tenants": {"alpha":
                       {"tokens": ["…", "sha256:<hex>"]}}}; requests without a valid token are 401
  --tenant-header H    one sandbox per value of header H (e.g. X-Partner-Id); trusted networks only
  --allow-reset        serve POST /__tmf-ctk/reset: the caller's sandbox back to its seed data
  --outbox-lease MS    PostgreSQL: how long an instance owns an event it delivers before another may
  --no-seed            start empty (default: seed data from mocks/<API>/seed.json)
  --seed FILE          serve the resources of a seed file (recorded by tmf-ctk proxy) instead
  --latency MS         delay every API request by MS milliseconds
  --fault-rate R       answer a fraction R (0..1) of API requests with a TMF 500/503 Error
  --allow-callback H   also allow hub callbacks to host H (or H:PORT); repeatable; loopback is always allowed
  --paging-status S    status of a partial page: 206 (TMF630, default) or 200 (as the v4 documents declare)
  --clock-ms MS        product order state step (acknowledged → inProgress → completed); default 2000, 0 stops it
  --specs DIR          where the published documents are
  --engine E           native (default) or prism: Prism's stateless example-based mock of one API
  -v, --log            on stderr: one access-log line per request (time, client, method, URL, status, ms) and
                       every failed notification delivery (callback, status or error, retry or given up)
  -h, --help           this help

Exit codes: 0 stopped cleanly, 2 usage error (unknown API or option, port in use, missing document).`;

const OPTIONS = {
  port: { type: 'string' }, host: { type: 'string' }, api: { type: 'string', multiple: true }, all: { type: 'boolean' }, spec: { type: 'string', multiple: true }, 'generator-seed': { type: 'string' },
  data: { type: 'string' }, 'no-seed': { type: 'boolean' }, seed: { type: 'string' }, latency: { type: 'string' }, 'fault-rate': { type: 'string' },
  'allow-callback': { type: 'string', multiple: true }, 'paging-status': { type: 'string' }, 'clock-ms': { type: 'string' },
  specs: { type: 'string' }, engine: { type: 'string' }, tenants: { type: 'string' }, 'tenant-header': { type: 'string' },
  'allow-reset': { type: 'boolean' }, 'outbox-lease': { type: 'string' }, log: { type: 'boolean', short: 'v' },
} as const;

/** Options of the native engine only: Prism has no store, clock, faults or hub policy. */
const NATIVE_ONLY = ['data', 'no-seed', 'seed', 'latency', 'fault-rate', 'allow-callback', 'paging-status', 'clock-ms', 'tenants', 'tenant-header', 'allow-reset', 'outbox-lease', 'log'] as const;

/** The tenants file; its content is never echoed (it holds tokens), only where it fails. */
function readTenants(file: string): TenantsConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CtkError('INPUT_READ', `cannot read the tenants file ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  try {
    return JSON.parse(text) as TenantsConfig;
  } catch {
    throw new CtkError('CONFIG_INVALID', `the tenants file ${file} is not valid JSON`, { hint: 'expected {"tenants": {"alpha": {"tokens": ["…"]}}}' });
  }
}

/** Resolves when SIGINT or SIGTERM arrives (or `stop` is called by an embedding test). */
function untilSignal(): Promise<string> {
  return new Promise((done) => {
    const on = (sig: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(sig);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

export const command: Command = {
  summary: 'start the stateful mock server of the APIs',
  async run(argv, io) {
    const { values } = parse('mock', argv, OPTIONS);
    if (values.help) return io.out(HELP), 0;
    const engine = values.engine ?? 'native';
    if (engine !== 'native' && engine !== 'prism') throw new CtkError('USAGE', `--engine must be native or prism, got "${engine}"`);
    const port = numberOption('port', values.port, 8080, { max: 65535, what: 'a port number', integer: true });
    const host = values.host ?? '127.0.0.1';
    const specsDir = values.specs ? resolve(io.cwd, values.specs) : undefined;
    const apiList = values.api?.join(',');
    if (apiList && values.all) throw new CtkError('USAGE', '--api and --all do not go together', { hint: 'see "tmf-ctk mock --help"' });
    const documents = (values.spec ?? []).map((f) => loadSpecFile(resolve(io.cwd, f)));
    // --spec alone serves only those documents; beside --api or --all, both.
    const entries = documents.length > 0 && !apiList && !values.all ? [] : selectEntries(apiList, values.all);

    if (engine === 'prism') {
      if (entries.length !== 1 || values.all || !apiList || documents.length > 0) throw new CtkError('USAGE', '--engine prism serves exactly one API', { hint: 'e.g. tmf-ctk mock --engine prism --api TMF663' });
      const native = NATIVE_ONLY.filter((f) => values[f] !== undefined);
      if (native.length) throw new CtkError('USAGE', `--${native.join(', --')} ${native.length === 1 ? 'does' : 'do'} not apply to --engine prism (stateless, example-based)`);
      const stopped = untilSignal();
      const prism = await startPrismMock({ api: findEntry(apiList), host, port, specsDir, env: io.env });
      io.out(`listening on ${prism.url}`);
      io.out(`  ${prism.api.id} ${prism.api.title} ${prism.api.version} (Prism, stateless)  ${prism.url}${prism.api.basePath}`);
      await Promise.race([stopped, prism.exited]);
      await prism.close();
      return 0;
    }

    const pagingStatus = numberOption('paging-status', values['paging-status'], 206, { min: 200, max: 206, what: 'an HTTP status', integer: true });
    if (pagingStatus !== 200 && pagingStatus !== 206) throw new CtkError('USAGE', '--paging-status must be 200 or 206');
    if (values.seed && values['no-seed']) throw new CtkError('USAGE', '--seed and --no-seed do not go together');
    const seedFile = values.seed ? resolve(io.cwd, values.seed) : undefined;
    const seeds = seedFile ? { data: await readSeedFile(seedFile), source: seedFile } : undefined;
    const server = createMockServer({
      ...(seeds ? { recordedSeeds: seeds } : {}),
      apis: [...documents, ...entries.map((e) => `${e.id}@${e.version}`)], specsDir, generatorSeed: generatorSeedOption(values['generator-seed']), env: io.env, host, port,
      dataFile: values.data ? (isDatabaseUrl(values.data) ? values.data : resolve(io.cwd, values.data)) : undefined,
      tenants: values.tenants ? readTenants(resolve(io.cwd, values.tenants)) : undefined,
      tenantsSource: values.tenants,
      tenantHeader: values['tenant-header'],
      allowReset: values['allow-reset'] === true,
      outboxLeaseMs: values['outbox-lease'] === undefined ? undefined : numberOption('outbox-lease', values['outbox-lease'], 30_000, { min: 100, max: 3_600_000 }),
      seed: !values['no-seed'],
      latencyMs: numberOption('latency', values.latency, 0, { max: 600_000, what: 'a number of milliseconds' }),
      faultRate: numberOption('fault-rate', values['fault-rate'], 0, { max: 1, what: 'a fraction of requests' }),
      allowCallbackHosts: listOption(values['allow-callback']),
      pagingStatus, clockMs: numberOption('clock-ms', values['clock-ms'], 2000, { max: 86_400_000, what: 'a number of milliseconds' }),
      log: (line) => io.err(line), accessLog: values.log ?? false,
    });
    // Listen for signals before saying "listening": a supervisor may stop us as soon as it reads that line.
    const stopped = untilSignal();
    let url: string;
    try {
      url = await server.listen();
    } catch (e) {
      await server.close();
      throw e;
    }
    io.out(`listening on ${url}`);
    for (const api of server.apis) io.out(`  ${api.id} ${api.title} ${api.version}  ${url}${api.basePath}`);
    const signal = await stopped;
    io.err(`${signal}: stopping (flushing the store)`);
    await server.close();
    return 0;
  },
};
