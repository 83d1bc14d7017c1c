import { CtkError } from '../errors.js';
import type { ApiModel } from '../document/model.js';
import type { MockContentTable } from './behaviour-kit.js';
import type { DeliveryOptions } from './notifier.js';
import type { Store } from './store.js';
import type { TenantsConfig } from './tenancy.js';

/** What `createMockServer` accepts; every field has a default that suits `tmf-ctk mock`. */
export interface MockServerOptions {
  /** APIs to serve: selectors (`TMF663`, `TMF671@4.0.0`) or loaded models. Default: the five certified APIs. */
  apis?: ReadonlyArray<string | ApiModel>;
  /** Where documents are looked for (docs/specs.md). */
  specsDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Default 127.0.0.1: nothing outside this machine reaches the mock unless asked. */
  host?: string;
  /** Default 0: a free port, returned by listen(). */
  port?: number;
  /**
   * Persist in this SQLite file (created if missing), or in PostgreSQL (`postgres://USER@HOST:PORT/DB`,
   * shared by every instance given the same URL); default in memory.
   */
  dataFile?: string;
  /** A store of your own (overrides dataFile). */
  store?: Store;
  /** Per-API behaviour and seed data (mocks/<API>/), by API id; the library API passes the project's own. */
  content?: MockContentTable;
  /** Load the content's seed data into an empty store. Default true. */
  seed?: boolean;
  /** Delay before every API request is served. */
  latencyMs?: number;
  /** Fraction (0..1) of API requests answered with a TMF 500/503 Error. */
  faultRate?: number;
  /** Callback hosts allowed beside loopback (`host` or `host:port`). */
  allowCallbackHosts?: readonly string[];
  /** Status of a partial page: 206 (TMF630, default) or 200 (what the v4 documents declare). */
  pagingStatus?: 200 | 206;
  /** Milliseconds per automatic state step (TMF622 orders); 0 stops the clock. Default 2000. */
  clockMs?: number;
  /** Largest request body in bytes; larger is 413. Default 1 MiB. */
  bodyLimit?: number;
  /** Notification delivery: timeout, retries, backoff, concurrency, queue limit. */
  delivery?: DeliveryOptions;
  /** Validate every response against the spec and record violations (tests). Default false. */
  checkResponses?: boolean;
  /** Random source of fault injection (tests pass a deterministic one). */
  random?: () => number;
  /** Warnings and internal errors; default stderr. */
  log?: (line: string) => void;
  /** Also one access-log line per request and one per failed notification attempt, through `log` (`--log`). */
  accessLog?: boolean;
  /** Bearer tokens per tenant (`--tenants FILE`): each tenant is its own sandbox. */
  tenants?: TenantsConfig;
  /** Where `tenants` came from, for errors (`tenants.json`). */
  tenantsSource?: string;
  /** The tenant is named by this request header (`--tenant-header`), for trusted networks only. */
  tenantHeader?: string;
  /** Serve `POST /__tmf-ctk/reset` (a tenant's space back to its seed data). */
  allowReset?: boolean;
  /** PostgreSQL: how long an instance owns an event it delivers before another may (default from `delivery`). */
  outboxLeaseMs?: number;
  /** Every event the mock builds, delivered or not (tests, embedding). */
  onEvent?: (apiId: string, event: Record<string, unknown>) => void;
}

export type ResolvedOptions = Required<Pick<MockServerOptions,
  'host' | 'port' | 'seed' | 'latencyMs' | 'faultRate' | 'allowCallbackHosts' | 'pagingStatus' | 'clockMs' | 'bodyLimit' | 'checkResponses' | 'random' | 'log'>> & MockServerOptions;

export function resolveOptions(o: MockServerOptions): ResolvedOptions {
  const r: ResolvedOptions = {
    host: '127.0.0.1', port: 0, seed: true, latencyMs: 0, faultRate: 0, allowCallbackHosts: [], pagingStatus: 206,
    clockMs: 2000, bodyLimit: 1024 * 1024, checkResponses: false, random: Math.random,
    log: (line) => process.stderr.write(`${line}\n`),
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
  };
  const bad = (msg: string): never => {
    throw new CtkError('USAGE', msg, { hint: 'see "tmf-ctk mock --help"' });
  };
  if (!(r.faultRate >= 0 && r.faultRate <= 1)) bad(`fault rate must be between 0 and 1, got ${r.faultRate}`);
  if (r.pagingStatus !== 200 && r.pagingStatus !== 206) bad(`paging status must be 200 or 206, got ${String(r.pagingStatus)}`);
  if (!(r.latencyMs >= 0) || !(r.clockMs >= 0)) bad('latency and clock must not be negative');
  if (!(r.bodyLimit > 0)) bad('body limit must be positive');
  if (!Number.isInteger(r.port) || r.port < 0 || r.port > 65535) bad(`port must be 0..65535, got ${r.port}`);
  return r;
}
