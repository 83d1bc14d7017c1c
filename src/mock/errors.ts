import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { PatchError } from '../tmf/patch.js';
import { QueryError } from '../tmf/query.js';
import { tmfError } from '../tmf/errors.js';
import { StoreConflict } from './store.js';

/**
 * Every error the mock answers is a TMF Error body. The `code` is stable (tests and clients match
 * on it); the `message` says what to fix. Internal failures never leak a stack.
 */
export const MockErrorCodes = {
  MALFORMED_REQUEST: 400,
  MALFORMED_JSON: 400,
  INVALID_BODY: 400,
  INVALID_QUERY: 400,
  BAD_URL: 400,
  NOT_PATCHABLE: 400,
  CALLBACK_REFUSED: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  FAULT_INJECTED: 503,
} as const;

export type MockErrorCode = keyof typeof MockErrorCodes;

export class MockHttpError extends Error {
  readonly status: number;
  readonly code: MockErrorCode;
  readonly headers?: Record<string, string>;
  constructor(code: MockErrorCode, message: string, options: { status?: number; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'MockHttpError';
    this.code = code;
    this.status = options.status ?? MockErrorCodes[code];
    this.headers = options.headers;
  }
}

/** Sends a TMF Error body with the document's media type. */
export function sendError(reply: FastifyReply, mediaType: string, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).header('content-type', mediaType).send(JSON.stringify(tmfError(status, message, code)));
}

/** Fastify's own errors (body parsing, limits) mapped to TMF codes. */
function fromFastify(err: FastifyError): MockHttpError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new MockHttpError('UNSUPPORTED_MEDIA_TYPE', 'unsupported Content-Type: send application/json (or, for PATCH, application/merge-patch+json or application/json-patch+json)');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new MockHttpError('PAYLOAD_TOO_LARGE', 'request body is too large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new MockHttpError('INVALID_BODY', err.message);
    default:
      return undefined;
  }
}

export function toHttpError(err: unknown): MockHttpError {
  if (err instanceof MockHttpError) return err;
  if (err instanceof QueryError) return new MockHttpError('INVALID_QUERY', err.message);
  if (err instanceof PatchError) return new MockHttpError('INVALID_BODY', err.message);
  if (err instanceof StoreConflict) return new MockHttpError('CONFLICT', err.message);
  const fe = err as FastifyError;
  const mapped = fe && typeof fe === 'object' ? fromFastify(fe) : undefined;
  if (mapped) return mapped;
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  // Other client errors fastify raises (aborted requests, bad headers) keep their status; the text is fastify's, not ours.
  if (status >= 400 && status < 500) return new MockHttpError('INVALID_BODY', fe.message, { status });
  return new MockHttpError('INTERNAL', 'internal error in the mock server (see its log)');
}

/**
 * Fastify's router reports two things as a bad URL: an encoding it cannot decode (400), and a path
 * parameter longer than the router's limit, which is simply no such resource (404).
 */
export function frameworkError(mediaType: string) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = req.url.split('?')[0] ?? '';
    let decodable = true;
    try {
      decodeURIComponent(path);
    } catch {
      decodable = false;
    }
    if (decodable) return sendError(reply, mediaType, 404, 'NOT_FOUND', `no resource at ${req.method} ${path.slice(0, 200)}`);
    return sendError(reply, mediaType, 400, 'BAD_URL', err.message.slice(0, 300));
  };
}

/** Error handler, not-found handler and framework errors (bad URL encoding) as TMF Error bodies. */
export function installErrorHandling(app: FastifyInstance, mediaType: string, onInternal: (err: unknown, req: FastifyRequest) => void): void {
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err);
    if (e.code === 'INTERNAL') onInternal(err, req);
    if (e.headers) reply.headers(e.headers);
    return sendError(reply, mediaType, e.status, e.code, e.message);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? req.url;
    return sendError(reply, mediaType, 404, 'NOT_FOUND', `no resource at ${req.method} ${path.slice(0, 200)}; GET / lists the APIs served`);
  });
}

/**
 * Requests Node's HTTP parser refuses before fastify sees them (an unknown method, broken framing,
 * headers or URL over 16 KB) get a TMF Error too, in place of fastify's own JSON; then the socket closes.
 */
export function clientErrorHandler(mediaType: string) {
  return (err: NodeJS.ErrnoException, socket: Duplex): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const [code, message]: [MockErrorCode, string] =
      err.code === 'HPE_HEADER_OVERFLOW' ? ['HEADERS_TOO_LARGE', 'request headers or URL larger than 16 KB']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? ['REQUEST_TIMEOUT', 'the request did not arrive in time']
          : ['MALFORMED_REQUEST', `malformed HTTP request (${String(err.code ?? 'parse error').slice(0, 40)})`];
    const status = MockErrorCodes[code];
    const body = JSON.stringify(tmfError(status, message, code, STATUS_CODES[status]));
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${mediaType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy();
  };
}
