/** Targets behind OAuth2 client credentials, against a small local token server. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import { TokenSource } from '../../src/runner/oauth2.js';
import { DEFAULTS } from '../../src/runner/http-client.js';
import { listenLoopback } from '../helpers/loopback.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeConfig } from './helpers.js';

const SECRET = 'cl1ent-s3cret';
type T = { after(fn: () => Promise<void>): void };

const body = (req: IncomingMessage) => new Promise<string>((r) => { let b = ''; req.on('data', (c) => { b += c; }).on('end', () => r(b)); });

/** Issues tok-1, tok-2… to vendor-app with SECRET (HTTP Basic); `refuse` answers 401 invalid_client instead. */
async function tokenServer(t: T, o: { refuse?: boolean; expiresIn?: number } = {}) {
  const state = { issued: 0, current: '', forms: [] as string[] };
  const srv = createServer(async (req, res) => {
    state.forms.push(await body(req));
    const basic = Buffer.from(`vendor-app:${SECRET}`).toString('base64');
    if (o.refuse || req.headers.authorization !== `Basic ${basic}`) {
      return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client","error_description":"client authentication failed"}');
    }
    state.current = `tok-${++state.issued}`;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: state.current, token_type: 'Bearer', expires_in: o.expiresIn ?? 3600 }));
  });
  const { url, close } = await listenLoopback(srv);
  t.after(close);
  return { url: `${url}/oauth/token`, state };
}

/** The mock behind a gateway that wants the current token; `rotateEvery` revokes it after that many requests. */
async function protectedTarget(t: T, tokens: { state: { current: string } }, rotateEvery = Infinity) {
  const mock = await createMockServer({ apis: ['TMF663'], clockMs: 50, log: () => undefined });
  const upstream = new URL(await mock.listen());
  const seen = { ok: 0, refused: 0, sent: 0 };
  const revoked = new Set<number>();
  const srv = createServer(async (req, res) => {
    seen.sent += 1;
    if (seen.ok > 0 && seen.ok % rotateEvery === 0 && !revoked.has(seen.ok)) {
      revoked.add(seen.ok);
      tokens.state.current = 'revoked';
    }
    if (req.headers.authorization !== `Bearer ${tokens.state.current}`) {
      seen.refused += 1;
      return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"401","reason":"invalid token"}');
    }
    seen.ok += 1;
    const data = await body(req);
    const up = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.end(data);
  });
  const { url, close } = await listenLoopback(srv);
  t.after(async () => { await close(); await mock.close(); });
  return { url, seen };
}

const oauthConfig = (tokenUrl: string) => ({ eventTimeoutMs: 300, quietMs: 50,
  auth: { oauth2: { tokenUrl, clientId: 'vendor-app', clientSecretEnv: 'VENDOR_SECRET', scope: 'tmf.read tmf.write' } } });
const env = { ...process.env, NO_COLOR: '1', VENDOR_SECRET: SECRET };

test('a target behind OAuth2: token fetched with client credentials, sent as bearer, redacted everywhere', async (t) => {
  const tokens = await tokenServer(t);
  const target = await protectedTarget(t, tokens);
  const dir = await tempDir(t);
  const out = join(dir, 'out');
  const r = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--config', await writeConfig(dir, oauthConfig(tokens.url)), '--out', out, '--reporter', 'json,junit,html'], { env });
  assert.equal(r.code, 0, r.out + r.err);
  assert.equal(tokens.state.issued, 1);
  assert.equal(target.seen.refused, 0);
  assert.equal(new URLSearchParams(tokens.state.forms[0]).get('grant_type'), 'client_credentials');
  assert.equal(new URLSearchParams(tokens.state.forms[0]).get('scope'), 'tmf.read tmf.write');
  const results = await readFile(join(out, 'results.json'), 'utf8');
  for (const text of [results, r.out, r.err, await readFile(join(out, 'junit.xml'), 'utf8')]) assert.doesNotMatch(text, /tok-1|cl1ent-s3cret/);
  const saved = JSON.parse(results) as import('../../src/core/results.js').RunResult;
  assert.equal(saved.apis[0]!.cases[0]!.exchanges[0]!.request.headers.authorization, '[redacted]');
  assert.deepEqual(saved.configuration!.auth, { oauth2: { tokenUrl: tokens.url, clientId: 'vendor-app', clientSecretEnv: 'VENDOR_SECRET', scope: 'tmf.read tmf.write' } });
});

test('a 401 from the target gets a new token and one retry', async (t) => {
  const tokens = await tokenServer(t);
  const target = await protectedTarget(t, tokens, 10);
  const dir = await tempDir(t);
  const r = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--config', await writeConfig(dir, oauthConfig(tokens.url)), '--out', dir, '--reporter', 'json'], { env });
  assert.equal(r.code, 0, r.out + r.err);
  assert.ok(target.seen.refused >= 2, `the gateway revoked tokens (${target.seen.refused})`);
  assert.equal(tokens.state.issued, target.seen.refused + 1, 'one new token per 401');
});

test('a token about to expire is replaced before it is sent', async () => {
  let now = 0;
  const issued: number[] = [];
  const srv = createServer((_req, res) => { issued.push(now); res.writeHead(200, { 'content-type': 'application/json' }).end(`{"access_token":"t${issued.length}","expires_in":60}`); });
  const { url, close } = await listenLoopback(srv);
  try {
    const source = new TokenSource({ tokenUrl: url, clientId: 'a', clientSecretEnv: 'S' }, { S: 'x' }, DEFAULTS, () => now);
    assert.equal(await source.authorization(), 'Bearer t1');
    now = 29_000;
    assert.equal(await source.authorization(), 'Bearer t1', 'still valid beyond the margin');
    now = 31_000;
    assert.equal(await source.authorization(), 'Bearer t2', 'within 30 s of expiry: a new one');
  } finally {
    await close();
  }
});

test('a token endpoint that refuses is AUTH_FAILED, exit 2, with its message; nothing sent to the target', async (t) => {
  const tokens = await tokenServer(t, { refuse: true });
  const target = await protectedTarget(t, tokens);
  const dir = await tempDir(t);
  const r = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--config', await writeConfig(dir, oauthConfig(tokens.url)), '--out', dir], { env });
  assert.equal(r.code, 2);
  assert.match(r.err, /^error \[AUTH_FAILED\]: the token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth\/token refused the client credentials of vendor-app: 401 invalid_client: client authentication failed$/m);
  assert.equal(target.seen.sent, 0);
  const unset = await runCli(['run', '--target', target.url, '--api', 'TMF663', '--config', join(dir, 'config.json'), '--out', dir], { env: { ...env, VENDOR_SECRET: '' } });
  assert.equal(unset.code, 2);
  assert.match(unset.err, /error \[AUTH_FAILED\]: auth\.oauth2: the environment variable VENDOR_SECRET \(the client secret\) is not set/);
});
