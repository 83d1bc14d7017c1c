/** Starting on a PostgreSQL URL that does not work ends with STORE_UNAVAILABLE and a hint that fits, never a hang (no PostgreSQL needed). */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { CtkError } from '../../src/errors.js';
import { connectHint, PgStore } from '../../src/mock/pg-store.js';

describe('PostgreSQL connection failures', () => {
  it('a server that accepts and never answers: STORE_UNAVAILABLE after the connect timeout, and close() still resolves', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    const store = new PgStore(`postgres://someone:hunter2@127.0.0.1:${port}/db`, { connectTimeoutMs: 300 });
    try {
      const t0 = Date.now();
      await assert.rejects(store.open(), (e: unknown) => {
        assert.ok(e instanceof CtkError);
        assert.equal(e.code, 'STORE_UNAVAILABLE');
        assert.doesNotMatch(`${e.message} ${e.hint}`, /hunter2/);
        assert.match(e.hint ?? '', /connect timeout/);
        return true;
      });
      assert.ok(Date.now() - t0 < 10_000, 'the timeout applies');
      await store.close();
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('hints by what the server said: a password asked for, a password refused, no such database, else the server itself', () => {
    assert.match(connectHint(new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string')), /asks for a password: set PGPASSWORD/);
    assert.match(connectHint(Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' })), /password was refused/);
    assert.match(connectHint(Object.assign(new Error('database "nodb" does not exist'), { code: '3D000' })), /does not exist: create it/);
    assert.match(connectHint(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })), /is the server running/);
  });
});
