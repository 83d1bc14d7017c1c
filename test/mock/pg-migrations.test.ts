import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { SCHEMA_VERSION } from '../../src/mock/pg-migrations.js';
import { PgStore } from '../../src/mock/pg-store.js';
import { testPostgres } from '../helpers/postgres.js';
import { spawnCli } from './cli-process.js';

/** The PostgreSQL schema is versioned: created on start, once however many instances start, and a newer one is refused. */
const { pg: server, skipReason } = await testPostgres();
after(() => server?.stop());

async function versions(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ version: number }>('SELECT version FROM tmf_ctk_schema ORDER BY version')).rows.map((r) => r.version);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL schema migrations', { skip: skipReason }, () => {
  it('four instances opening one new database together apply each migration once', async () => {
    const url = await server!.database();
    const stores = Array.from({ length: 4 }, () => new PgStore(url));
    try {
      await Promise.all(stores.map((s) => s.open()));
      assert.deepEqual(await versions(url), Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      await stores[0]!.put('TMF663/x', { id: '1' });
      assert.equal(await stores[3]!.count('TMF663/x'), 1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a schema newer than this code knows is STORE_SCHEMA, from the library and from the CLI (exit 2)', async () => {
    const url = await server!.database();
    const first = new PgStore(url);
    await first.open();
    await first.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('INSERT INTO tmf_ctk_schema (version) VALUES ($1)', [SCHEMA_VERSION + 1]);
    await c.end();
    const later = new PgStore(url);
    await assert.rejects(later.open(), (e: Error & { code?: string }) => e.code === 'STORE_SCHEMA' && e.message.includes(`schema version ${SCHEMA_VERSION + 1}; this tmf-ctk knows up to ${SCHEMA_VERSION}`));
    await later.close();
    const p = spawnCli(['mock', '--port', '0', '--api', 'TMF663', '--data', url]);
    assert.equal(await p.exit, 2);
    assert.match(p.stderr(), /error \[STORE_SCHEMA\]/);
  });

  it('an unreachable server is STORE_UNAVAILABLE, and the password stays out of the message', async () => {
    const p = spawnCli(['mock', '--port', '0', '--api', 'TMF663', '--data', 'postgres://someone:pw-secret-9@127.0.0.1:1/nowhere']);
    assert.equal(await p.exit, 2);
    assert.match(p.stderr(), /error \[STORE_UNAVAILABLE\]: cannot connect to PostgreSQL at someone@127\.0\.0\.1:1\/nowhere/);
    assert.doesNotMatch(p.stderr(), /pw-secret/);
  });
});
