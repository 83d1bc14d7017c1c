import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CtkError } from '../errors.js';
import { sendError } from './errors.js';
import { isLoopback } from './hub.js';

/**
 * Which tenant's sandbox a request belongs to. Each tenant's collections carry its prefix (scope), so
 * a request can only name its own. Three modes: none (one sandbox, scope ''), bearer tokens (`--tenants
 * FILE`) and a trusted header (`--tenant-header NAME`, for networks behind the operator's gateway).
 * Tokens are kept only as sha256 digests and compared in constant time; a missing and an unknown
 * token get the same answer, and no token is ever logged or echoed.
 */
export interface TenantsConfig {
  tenants: Record<string, { tokens: string[] }>;
}

export interface Tenancy {
  /** The prefix of the request's collections; set by the hook `install` adds. */
  scopeOf(req: FastifyRequest): string;
  /** Spaces to open at start. */
  knownScopes(): string[];
  /** Refuses requests without a tenant (401) and opens the tenant's space before the handler. */
  install(scope: FastifyInstance, mediaType: string, ensure: (scope: string) => Promise<void>): void;
}

const TENANT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SHA256 = /^sha256:([0-9a-f]{64})$/i;

export const scopeFor = (tenant: string): string => `@${tenant}:`;

const digest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

const single: Tenancy = { scopeOf: () => '', knownScopes: () => [''], install: () => undefined };

/** Parses and checks a tenants file's content; errors name tenants and positions, never tokens. */
export function parseTenants(raw: unknown, source: string): Array<{ name: string; digests: Buffer[] }> {
  const bad = (msg: string): never => {
    throw new CtkError('CONFIG_INVALID', `${source}: ${msg}`, { hint: 'expected {"tenants": {"alpha": {"tokens": ["…", "sha256:<64 hex digits>"]}}}' });
  };
  const tenants = (raw as TenantsConfig | undefined)?.tenants;
  if (!tenants || typeof tenants !== 'object' || Array.isArray(tenants)) return bad('no "tenants" object');
  const out: Array<{ name: string; digests: Buffer[] }> = [];
  const seen = new Set<string>();
  for (const [name, t] of Object.entries(tenants)) {
    if (!TENANT_NAME.test(name)) bad(`tenant name "${name.slice(0, 64)}" must be 1 to 64 letters, digits, "_", "." or "-"`);
    const tokens = (t as { tokens?: unknown } | undefined)?.tokens;
    if (!Array.isArray(tokens) || tokens.length === 0) bad(`tenant ${name} has no "tokens" list`);
    const digests = (tokens as unknown[]).map((tok, i) => {
      if (typeof tok !== 'string' || tok.length < 8) return bad(`token ${i + 1} of tenant ${name} must be a string of at least 8 characters`);
      const hashed = SHA256.exec(tok);
      return hashed ? Buffer.from(hashed[1]!, 'hex') : digest(tok);
    });
    for (const d of digests) {
      if (seen.has(d.toString('hex'))) bad(`a token of tenant ${name} is also given to another tenant or twice`);
      seen.add(d.toString('hex'));
    }
    out.push({ name, digests });
  }
  if (out.length === 0) bad('"tenants" is empty');
  return out;
}

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer +([^\s]+) *$/i.exec(h) : null;
  return m?.[1];
}

/** Tenant whose token this is; every digest is compared, whatever matched, so time says nothing. */
function tenantOfToken(tenants: ReadonlyArray<{ name: string; digests: Buffer[] }>, token: string | undefined): string | undefined {
  const d = digest(token ?? '');
  let found: string | undefined;
  for (const t of tenants) for (const x of t.digests) if (timingSafeEqual(d, x) && token !== undefined) found = t.name;
  return found;
}

function scoped(resolve: (req: FastifyRequest) => string | undefined, known: string[], challenge: string, message: string): Tenancy {
  const scopes = new WeakMap<FastifyRequest, string>();
  return {
    scopeOf(req) {
      const s = scopes.get(req);
      if (s === undefined) throw new Error('request without a tenant reached a handler');
      return s;
    },
    knownScopes: () => known,
    install(app, mediaType, ensure) {
      app.addHook('onRequest', async (req, reply) => {
        const tenant = resolve(req);
        if (tenant === undefined) {
          reply.header('www-authenticate', challenge);
          return sendError(reply, mediaType, 401, 'UNAUTHORIZED', message);
        }
        const scope = scopeFor(tenant);
        scopes.set(req, scope);
        await ensure(scope);
        return undefined;
      });
    },
  };
}

export interface TenancyOptions {
  tenants?: TenantsConfig;
  /** Where the tenants came from, for errors. */
  tenantsSource?: string;
  tenantHeader?: string;
  host: string;
  log: (line: string) => void;
}

export function tenancyOf(o: TenancyOptions): Tenancy {
  if (o.tenants && o.tenantHeader) throw new CtkError('USAGE', '--tenants and --tenant-header do not go together', { hint: 'tokens for open networks, a header behind your own gateway' });
  if (o.tenants) {
    const tenants = parseTenants(o.tenants, o.tenantsSource ?? 'tenants');
    return scoped((req) => tenantOfToken(tenants, bearer(req)), tenants.map((t) => scopeFor(t.name)),
      'Bearer realm="tmf-ctk mock"', 'a valid bearer token is required (Authorization: Bearer <token>)');
  }
  if (o.tenantHeader) {
    const name = o.tenantHeader.toLowerCase();
    if (!/^[a-z0-9-]{1,64}$/.test(name)) throw new CtkError('USAGE', `--tenant-header "${o.tenantHeader.slice(0, 64)}" is not a header name`);
    if (!isLoopback(o.host)) {
      o.log(`warning: --tenant-header ${o.tenantHeader} on ${o.host}: anyone who reaches this address can name any tenant; use it only behind your own gateway, or use --tenants`);
    }
    return scoped((req) => {
      const v = req.headers[name];
      return typeof v === 'string' && TENANT_NAME.test(v) ? v : undefined;
    }, [], `${o.tenantHeader} realm="tmf-ctk mock"`, `the ${o.tenantHeader} header must name the tenant (1 to 64 letters, digits, "_", "." or "-")`);
  }
  return single;
}
