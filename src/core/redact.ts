/**
 * Credentials must not end up in a report that is published with a certification: one list of the headers
 * whose values are never shown, for every output (console, JSON, JUnit, HTML, Postman runs, the proxy).
 */
import type { Exchange } from './results.js';

export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
]);

export const REDACTED = '[redacted]';

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/** A copy with the values of sensitive headers (and of any name in `extra`, lower case) redacted. */
export function redactHeaders(headers: Record<string, string> | undefined, extra: ReadonlySet<string> = new Set()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    out[name] = isSensitiveHeader(name) || extra.has(name.toLowerCase()) ? REDACTED : String(value);
  }
  return out;
}

/**
 * An exchange as it is recorded: sensitive headers redacted on both sides (a target's `Set-Cookie`, the
 * `Authorization` a target sends with a notification), the rest (names, other values) unchanged.
 */
export function redactExchange(ex: Exchange): Exchange {
  return {
    ...ex,
    request: { ...ex.request, headers: redactHeaders(ex.request.headers) },
    ...(ex.response ? { response: { ...ex.response, headers: redactHeaders(ex.response.headers) } } : {}),
  };
}
