/**
 * From a step's request template to a concrete HTTP request: placeholders resolved (ids escaped in paths),
 * URLs kept on the target's origin, the user's headers added (and redacted in what is recorded).
 */
import { isSensitiveHeader } from '../core/redact.js';
import type { RecordedRequest } from '../core/results.js';
import type { RequestTemplate } from '../core/case-model.js';
import { resolveTemplate, type Vars } from '../core/template.js';
import type { HttpRequest } from './http-client.js';

export interface RequestEnv {
  /** Target + base path, no trailing slash. */
  baseUrl: string;
  /** The user's headers (auth…): sent, never recorded in clear. */
  headers: Record<string, string>;
}

export interface BuiltRequest {
  http: HttpRequest;
  recorded: RecordedRequest;
  /** Set when an href pointed at another host and was resolved on the target instead. */
  advisory?: string;
}

/** An absolute or relative URL (an `href`) on the target: another host's href is followed on the target's origin. */
function urlOnTarget(raw: string, baseUrl: string): { url: URL; advisory?: string } {
  const base = new URL(`${baseUrl}/`);
  const url = new URL(raw, base);
  if (url.origin === base.origin) return { url };
  const moved = new URL(`${url.pathname}${url.search}`, base.origin);
  return { url: moved, advisory: `href ${raw.slice(0, 120)} names another origin than the target; its path was requested on ${base.origin}` };
}

function bodyText(t: RequestTemplate, vars: Vars): string | undefined {
  if (t.rawBody !== undefined) return t.rawBody;
  if (t.body === undefined) return undefined;
  return JSON.stringify(resolveTemplate(t.body, vars));
}

/** Throws UnresolvedError when a placeholder has no value. */
export function buildRequest(t: RequestTemplate, vars: Vars, env: RequestEnv): BuiltRequest {
  const { url, advisory } = t.url !== undefined
    ? urlOnTarget(String(resolveTemplate(t.url, vars)), env.baseUrl)
    : { url: new URL(`${env.baseUrl}${resolveTemplate<string>(t.path ?? '', vars, encodeURIComponent)}`), advisory: undefined };
  for (const [k, v] of t.query ?? []) url.searchParams.append(k, String(resolveTemplate(v, vars)));
  const body = bodyText(t, vars);
  const own: Record<string, string> = { accept: 'application/json', ...(body !== undefined ? { 'content-type': t.contentType ?? 'application/json' } : {}), ...t.headers };
  const headers = { ...own, ...env.headers };
  const recordedHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSensitiveHeader(k) || (Object.hasOwn(env.headers, k) && !Object.hasOwn(own, k)) ? '[redacted]' : v]));
  return {
    http: { method: t.method, url: url.href, headers, ...(body !== undefined ? { body } : {}) },
    recorded: { method: t.method, url: url.href, headers: recordedHeaders, ...(body !== undefined ? { body } : {}) },
    ...(advisory ? { advisory } : {}),
  };
}
