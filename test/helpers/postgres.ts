import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * A real PostgreSQL for tests, never a fake. `TMF_CTK_PG_URL` (set by .ci/run: a server URL whose user
 * may create databases) is used when given; otherwise a throwaway cluster is started from the Debian
 * package's binaries, as the `postgres` user when running as root (the server refuses root), on a
 * free loopback port, and removed at the end. Each `database()` is a fresh database, dropped by `stop()`.
 * Without PostgreSQL, `available` is false and tests skip with `skipReason`, except under CI (CI set):
 * there a missing PostgreSQL fails the tests, so CI cannot pass by skipping them.
 */
const run = promisify(execFile);

export interface TestPostgres {
  /** A new empty database; its URL. */
  database(): Promise<string>;
  stop(): Promise<void>;
}

export interface PostgresAvailability {
  pg?: TestPostgres;
  /** Why the tests skip (undefined when PostgreSQL is there). */
  skipReason?: string;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function asPostgres(bin: string, args: string[]): Promise<unknown> {
  const root = process.getuid?.() === 0;
  return root ? run('runuser', ['-u', 'postgres', '--', bin, ...args]) : run(bin, args);
}

async function startCluster(bin: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'tmf-ctk-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  const data = join(dir, 'data');
  await asPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withDatabases(serverUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  const admin = async <T>(f: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      return await f(c);
    } finally {
      await c.end();
    }
  };
  return {
    async database() {
      const name = `tmf_ctk_test_${randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      created.push(name);
      const u = new URL(serverUrl);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async stop() {
      await admin(async (c) => {
        for (const name of created.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }).catch(() => undefined);
      await stopServer();
    },
  };
}

export async function testPostgres(): Promise<PostgresAvailability> {
  const given = process.env.TMF_CTK_PG_URL;
  if (given) return { pg: withDatabases(given, async () => undefined) };
  const bin = binDir();
  const missing = 'PostgreSQL is not installed (apt-get install -y postgresql, or set TMF_CTK_PG_URL)';
  if (!bin) {
    if (process.env.CI) throw new Error(`${missing}: CI must run the PostgreSQL tests`);
    return { skipReason: missing };
  }
  const cluster = await startCluster(bin);
  return { pg: withDatabases(cluster.url, () => cluster.stop()) };
}
