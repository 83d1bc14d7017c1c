import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import { assertTmfError } from './helpers.js';

/**
 * Bytes no HTTP client library would send: bad request lines, framing and header sizes, written to a
 * raw loopback socket. Node's parser refuses them before fastify routes anything; the mock must
 * still answer with a TMF Error and keep serving.
 */
const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';
let mock: MockServer;
let port: number;

before(async () => {
  mock = createMockServer({ apis: ['TMF663'], clockMs: 0, log: () => undefined });
  port = Number(new URL(await mock.listen()).port);
});
after(() => mock?.close());

/** Writes `bytes`, reads until the mock closes the socket or 1 s passes. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let out = '';
    const timer = setTimeout(() => s.destroy(), 1000);
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    s.on('error', () => undefined);
    s.end(bytes);
  });
}

/** The first response in `text`: status and parsed body. */
function parse(text: string): { status: number; json: unknown; text: string } {
  const m = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
  assert.ok(m, `an HTTP response, got ${JSON.stringify(text.slice(0, 200))}`);
  const length = Number(/content-length: *(\d+)/i.exec(m[2]!)?.[1] ?? m[3]!.length);
  const body = m[3]!.slice(0, length);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: Number(m[1]), json, text: body };
}

const head = (line: string, headers = 'Host: 127.0.0.1\r\n') => `${line}\r\n${headers}\r\n`;
const post = (headers: string, body: string) => `POST ${CARTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}\r\n${body}`;

const CASES: Array<[string, string, number]> = [
  ['unknown method', head(`FOO ${CARTS} HTTP/1.1`), 400],
  ['lower-case method', head(`get ${CARTS} HTTP/1.1`), 400],
  ['garbage request line', '\u0000\u0001\u0002 hello\r\n\r\n', 400],
  ['HTTP/9.9', head(`GET ${CARTS} HTTP/9.9`), 400],
  ['space in the path', head(`GET ${CARTS}/a b HTTP/1.1`), 400],
  ['Content-Length not a number', post('Content-Length: abc\r\n', '{}'), 400],
  ['two different Content-Lengths', post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}'), 400],
  ['Content-Length with Transfer-Encoding', post('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n', '2\r\n{}\r\n0\r\n\r\n'), 400],
  ['bad chunk size', post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n'), 400],
  ['header without a colon', head(`GET ${CARTS} HTTP/1.1`, 'Host: 127.0.0.1\r\nno colon here\r\n'), 400],
  ['20 KB header', head(`GET ${CARTS} HTTP/1.1`, `Host: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n`), 431],
  ['20 KB URL', head(`GET ${CARTS}?q=${'a'.repeat(20_000)} HTTP/1.1`), 431],
];

describe('malformed HTTP on a raw socket', () => {
  for (const [name, bytes, status] of CASES) {
    it(`${name} → ${status} TMF Error, the mock still serving`, async () => {
      const r = parse(await raw(bytes));
      assertTmfError(r, name);
      assert.equal(r.status, status);
      assert.equal((await fetch(`${mock.url}${CARTS}/sc-1001`)).status, 200);
    });
  }

  it('a body shorter than its Content-Length, then a hang-up: no answer needed, the mock still serving', async () => {
    await raw(post('Content-Length: 100\r\n', '{"cartItem":'));
    assert.equal((await fetch(`${mock.url}${CARTS}/sc-1001`)).status, 200);
  });

  it('CONNECT is not served (the socket is closed), and the mock still serves', async () => {
    const out = await raw(head('CONNECT 127.0.0.1:22 HTTP/1.1'));
    assert.doesNotMatch(out, /^HTTP\/1\.1 2/, 'never a tunnel');
    assert.equal((await fetch(`${mock.url}${CARTS}/sc-1001`)).status, 200);
  });
});

describe('methods the document does not serve, on a raw socket', () => {
  const allowOf = (text: string) => /\r\nallow: *([^\r]*)/i.exec(text)?.[1];
  const CASES: Array<[string, string, string]> = [
    ['TRACE on the collection', head(`TRACE ${CARTS} HTTP/1.1`), 'GET, POST, HEAD'],
    ['QUERY without a Content-Type', head(`QUERY ${CARTS} HTTP/1.1`), 'GET, POST, HEAD'],
    ['QUERY with a body', `QUERY ${CARTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello`, 'GET, POST, HEAD'],
    ['PROPFIND on a resource', head(`PROPFIND ${CARTS}/sc-1001 HTTP/1.1`), 'GET, PATCH, DELETE, HEAD'],
    ['PUT with a body of an unknown type', `PUT ${CARTS}/sc-1001 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi`, 'GET, PATCH, DELETE, HEAD'],
    ['SEARCH on the hub', head(`SEARCH /tmf-api/shoppingCart/v4/hub HTTP/1.1`), 'POST'],
  ];
  for (const [name, bytes, allow] of CASES) {
    it(`${name} → 405 TMF Error with Allow: ${allow}`, async () => {
      const out = await raw(bytes);
      const r = parse(out);
      assertTmfError(r, name);
      assert.equal(r.status, 405, out.slice(0, 300));
      assert.equal(allowOf(out), allow);
    });
  }
  it('the same methods on a path the document does not declare → 404', async () => {
    // A QUERY must name its content's type (RFC 10008 §2): without one, fastify's 400 comes first there.
    const headers = 'Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n';
    for (const m of ['TRACE', 'QUERY', 'PROPFIND']) {
      const r = parse(await raw(`${m} /tmf-api/shoppingCart/v4/nothingHere HTTP/1.1\r\n${headers}\r\n{}`));
      assertTmfError(r, m);
      assert.equal(r.status, 404);
    }
  });
});
