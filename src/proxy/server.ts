/**
 * The validating proxy: forwards every request to the upstream and every answer back as they came,
 * judges each exchange on the client's and the server's side, and keeps what it saw as a run. It never
 * blocks traffic: a violation is recorded (and counted in `X-Tmf-Ctk-Violations`), the bytes go through.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CheckResult, Exchange } from '../core/results.js';
import { redactHeaders, redactUrl } from '../core/redact.js';
import type { ApiModel } from '../document/model.js';
import { schemasFor } from '../schema/schema-set.js';
import { flat, passThrough, readAnswer, sendUpstream, Tee, writeAnswer } from './forward.js';
import { judgeRequest, judgeResponse } from './judge.js';
import { JudgmentMemo } from './memo.js';
import { ObservedTraffic } from './observed.js';
import { ResourceRecorder } from './record.js';
import { Router } from './route.js';

export const VIOLATIONS_HEADER = 'x-tmf-ctk-violations';
/** Bodies over this are passed through unvalidated, with a note. */
export const DEFAULT_VALIDATION_CAP = 10 * 1024 * 1024;
/** What a kept exchange holds of a body (the report shows it; judging saw all of it). */
const KEPT_BODY_CHARS = 32 * 1024;

export interface ProxyOptions {
  upstream: string;
  apis: readonly ApiModel[];
  host?: string;
  port?: number;
  strict?: boolean;
  /** Do not add X-Tmf-Ctk-Violations. */
  quietHeaders?: boolean;
  validationCap?: number;
  maxExchanges?: number;
  timeoutMs?: number;
  /** Every judged exchange (the CLI prints the ones with violations). */
  onExchange?: (ex: Exchange, failed: CheckResult[], api: ApiModel | undefined) => void;
  record?: boolean;
  /** Headers added to every forwarded request. */
  headers?: Record<string, string>;
  /** Distinct exchanges whose judgment is remembered (0: judge every exchange anew). Default 512. */
  memoEntries?: number;
}

export interface ValidatingProxy {
  listen(): Promise<string>;
  close(): Promise<void>;
  readonly traffic: ObservedTraffic;
  readonly recorder: ResourceRecorder;
  readonly memo: JudgmentMemo;
}

const keep = (text: string | undefined): string | undefined => (text === undefined || text.length <= KEPT_BODY_CHARS ? text : `${text.slice(0, KEPT_BODY_CHARS)}…`);

function upstreamError(client: ServerResponse, error: Error): void {
  if (client.headersSent) return void client.destroy();
  const body = JSON.stringify({ code: 'UPSTREAM_UNREACHABLE', reason: 'Bad Gateway', message: `tmf-ctk proxy: the upstream did not answer: ${error.message}`, status: '502' });
  client.writeHead(502, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) });
  client.end(body);
}

export function createValidatingProxy(o: ProxyOptions): ValidatingProxy {
  const upstream = { url: new URL(o.upstream), timeoutMs: o.timeoutMs ?? 30_000, headers: o.headers ?? {} };
  const cap = o.validationCap ?? DEFAULT_VALIDATION_CAP;
  const router = new Router(o.apis);
  const traffic = new ObservedTraffic({ apis: o.apis, upstream: upstream.url.href.replace(/\/+$/, ''), maxExchanges: o.maxExchanges, strict: o.strict ?? false, headerNames: Object.keys(upstream.headers) });
  const recorder = new ResourceRecorder();
  const memo = new JudgmentMemo({ entries: o.memoEntries ?? 512 });
  const strict = o.strict ?? false;
  const upstreamPath = upstream.url.pathname.replace(/\/+$/, '');

  async function handle(req: IncomingMessage, client: ServerResponse): Promise<void> {
    const t0 = performance.now();
    const startedAt = new Date().toISOString();
    const reqTee = new Tee(cap);
    const url = new URL(`${upstreamPath}${req.url ?? '/'}`, upstream.url.origin);
    const route = router.match(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname);
    const recorded = () => ({ method: req.method ?? 'GET', url: url.href, headers: flat(req.headers as Record<string, string | string[]>), ...(reqTee.size ? { body: reqTee.text() } : {}) });
    let res: IncomingMessage;
    try {
      res = await sendUpstream(req, upstream, reqTee);
    } catch (e) {
      upstreamError(client, e as Error);
      if (route) traffic.add(route.api, route.op, { step: `${req.method} ${url.pathname}`, request: { ...recorded(), url: redactUrl(url.href), headers: redactHeaders(recorded().headers) }, error: (e as Error).message, startedAt }, [], [`upstream failure: ${(e as Error).message}`]);
      return;
    }
    if (!route) {
      // Outside every known API: counted, streamed back as it comes, nothing held or judged.
      traffic.unknown += 1;
      passThrough(client, res);
      return;
    }
    const resTee = new Tee(cap);
    const { complete } = await readAnswer(res, resTee);
    const request = recorded();
    const exchange: Exchange = {
      step: `${request.method} ${url.pathname}`, request, startedAt,
      response: { status: res.statusCode ?? 0, headers: flat(res.headers as Record<string, string | string[]>), ...(resTee.size ? { body: resTee.text() } : {}), durationMs: Math.round(performance.now() - t0) },
    };
    const unvalidated = reqTee.overflow ? 'request' : !complete ? 'response' : undefined;
    const key = memo.key(`${route.api.id}@${route.api.version} ${route.op?.operationId ?? ''}`, exchange, unvalidated);
    let checks = key === undefined ? undefined : memo.get(key);
    if (!checks) {
      const judged = { schemas: schemasFor(route.api), strict, ...(unvalidated ? { unvalidated } as const : {}) };
      checks = [...judgeRequest(route, exchange, judged), ...judgeResponse(route, exchange, judged)];
      if (key !== undefined) memo.set(key, checks);
    }
    const failed = checks.filter((c) => c.status === 'fail');
    const extra: Record<string, string> = failed.length && !o.quietHeaders ? { [VIOLATIONS_HEADER]: String(failed.length) } : {};
    writeAnswer(client, res, resTee, complete, extra);
    if (o.record) recorder.observe(route.api.id, route.op, exchange);
    const notes = unvalidated ? [`a ${unvalidated} body over ${cap} bytes was passed through unvalidated`] : [];
    const kept: Exchange = {
      ...exchange,
      request: { ...exchange.request, url: redactUrl(exchange.request.url), headers: redactHeaders(exchange.request.headers), ...(exchange.request.body !== undefined ? { body: keep(exchange.request.body)! } : {}) },
      response: { ...exchange.response!, headers: redactHeaders(exchange.response!.headers), ...(exchange.response!.body !== undefined ? { body: keep(exchange.response!.body)! } : {}) },
    };
    traffic.add(route.api, route.op, kept, checks, notes);
    o.onExchange?.(kept, failed, route.api);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => upstreamError(res, e as Error));
  });
  return {
    traffic, recorder, memo,
    listen: () => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => {
        const a = server.address() as AddressInfo;
        resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
      });
    }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
