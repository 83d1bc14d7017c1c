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

/**
 * Names that say they carry a credential, beyond the list: `X-Auth-Token`, `X-Access-Token`, `X-Client-Secret`,
 * `X-Session-Id`, `X-Signature`… A header or query parameter named so is redacted too; a false alarm only hides a value.
 */
const CREDENTIAL_NAME = /auth|token|secret|passw|api[-_]?key|session|cookie|credential|signature|^sig$/i;

/** Challenges, not credentials: a report needs them to say why a request was refused. */
const NOT_CREDENTIALS: ReadonlySet<string> = new Set(['www-authenticate', 'proxy-authenticate']);

export function isSensitiveHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SENSITIVE_HEADERS.has(lower) || (!NOT_CREDENTIALS.has(lower) && CREDENTIAL_NAME.test(name));
}

/** A URL with the values of credential-like query parameters (`access_token`, `api_key`, `sig`) redacted; other text as it is. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    let name = pair.slice(0, eq);
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // keep the raw name
    }
    return CREDENTIAL_NAME.test(name) ? `${pair.slice(0, eq)}=${encodeURIComponent(REDACTED)}` : pair;
  }).join('&');
  return `${url.slice(0, q + 1)}${redacted}${hash < 0 ? '' : url.slice(hash)}`;
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
