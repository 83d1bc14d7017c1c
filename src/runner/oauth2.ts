/**
 * OAuth2 client credentials (RFC 6749 §4.4) for targets behind a token endpoint: the runner fetches a token,
 * sends it as a bearer token, fetches a new one before it expires or when the target answers 401. The client
 * secret is read from an environment variable the config names, so it is never in the config file; the token
 * travels in `Authorization`, which every output redacts (src/core/redact.ts).
 */
import { CtkError } from '../errors.js';
import { send, type ClientOptions } from './http-client.js';

export interface OAuth2Config {
  tokenUrl: string;
  clientId: string;
  /** Name of the environment variable holding the client secret. */
  clientSecretEnv: string;
  scope?: string;
  /** Extra form parameters some servers need (`audience`, `resource`). */
  params?: Record<string, string>;
}

/** Refresh this long before the token's announced expiry, so a request never carries a token about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

/** The endpoint's own words: RFC 6749 §5.2 `error` and `error_description`, or the start of its body. */
function refusal(status: number, body: string | undefined): string {
  try {
    const j = JSON.parse(body ?? '') as { error?: unknown; error_description?: unknown };
    if (typeof j.error === 'string') return `${status} ${j.error}${typeof j.error_description === 'string' ? `: ${j.error_description}` : ''}`;
  } catch { /* not JSON: quote the text */ }
  const text = (body ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
  return `${status}${text ? ` ${text}` : ''}`;
}

export class TokenSource {
  readonly #config: OAuth2Config;
  readonly #secret: string;
  readonly #client: ClientOptions;
  readonly #now: () => number;
  #token?: { value: string; expiresAt: number };
  #pending?: Promise<string>;
  /** How many tokens were fetched (tests, and the evidence of refreshes). */
  fetched = 0;

  constructor(config: OAuth2Config, env: NodeJS.ProcessEnv, client: ClientOptions, now: () => number = Date.now) {
    const secret = env[config.clientSecretEnv];
    if (!secret) {
      throw new CtkError('AUTH_FAILED', `auth.oauth2: the environment variable ${config.clientSecretEnv} (the client secret) is not set`,
        { hint: `export ${config.clientSecretEnv}=… before running; the secret never goes in the config file` });
    }
    this.#config = config;
    this.#secret = secret;
    this.#client = client;
    this.#now = now;
  }

  /** `Bearer …`, fetching a token when there is none or it is about to expire. */
  async authorization(): Promise<string> {
    if (this.#token && this.#now() < this.#token.expiresAt - EXPIRY_MARGIN_MS) return `Bearer ${this.#token.value}`;
    return `Bearer ${await this.refresh()}`;
  }

  /** Fetches a new token (once for concurrent callers); AUTH_FAILED with the endpoint's message when refused. */
  refresh(): Promise<string> {
    this.#pending ??= this.#fetch().finally(() => { this.#pending = undefined; });
    return this.#pending;
  }

  async #fetch(): Promise<string> {
    const c = this.#config;
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(c.scope ? { scope: c.scope } : {}), ...c.params });
    // client_secret_basic (RFC 6749 §2.3.1): form-encoded id and secret in HTTP Basic.
    const basic = Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(this.#secret)}`).toString('base64');
    const out = await send({ method: 'POST', url: c.tokenUrl, body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` } }, this.#client);
    const where = `the token endpoint ${c.tokenUrl}`;
    if (!out.response) throw new CtkError('AUTH_FAILED', `${where} cannot be reached: ${out.error ?? 'no answer'}`, { hint: 'check auth.oauth2.tokenUrl in the config' });
    const r = out.response;
    if (r.status < 200 || r.status > 299) {
      throw new CtkError('AUTH_FAILED', `${where} refused the client credentials of ${c.clientId}: ${refusal(r.status, r.body)}`,
        { hint: `check auth.oauth2.clientId, scope and the secret in ${c.clientSecretEnv}` });
    }
    let token: { access_token?: unknown; expires_in?: unknown };
    try {
      token = JSON.parse(r.body ?? '') as typeof token;
    } catch {
      throw new CtkError('AUTH_FAILED', `${where} answered ${r.status} without a JSON token`);
    }
    if (typeof token.access_token !== 'string' || token.access_token === '') throw new CtkError('AUTH_FAILED', `${where} answered ${r.status} without an access_token`);
    const seconds = typeof token.expires_in === 'number' && token.expires_in > 0 ? token.expires_in : 3600;
    this.#token = { value: token.access_token, expiresAt: this.#now() + seconds * 1000 };
    this.fetched += 1;
    return token.access_token;
  }
}
