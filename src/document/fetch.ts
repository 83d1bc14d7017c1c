import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CtkError, isCtkError } from '../errors.js';
import { allowModifiedSpecs, fileSha256, sha256, verifyChecksum } from './checksum.js';
import type { ApiEntry } from './model.js';
import { defaultCacheDir, resolveSpec, type ResolvedSpec, type SpecSources } from './resolve.js';
import { withDeadline } from '../deadline.js';

export interface FetchOptions extends SpecSources {
  /** Download even when a document is found locally. */
  force?: boolean;
  /** Replaces `https://raw.githubusercontent.com` (a mirror or, in tests, a local server). */
  mirror?: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface FetchOutcome {
  entry: ApiEntry;
  status: 'present' | 'downloaded' | 'failed';
  path?: string;
  error?: string;
}

const MAX_BYTES = 16 * 1024 * 1024;

export function downloadUrl(entry: ApiEntry, mirror?: string): string {
  if (!mirror) return entry.source.url;
  const { repository, commit, path } = entry.source;
  return `${mirror.replace(/\/+$/, '')}/${repository}/${commit}/${path}`;
}

/** Fills the cache: every entry not found locally is downloaded and its sha256 checked before it is kept. */
export async function fetchSpecs(entries: ApiEntry[], opts: FetchOptions = {}): Promise<FetchOutcome[]> {
  const out: FetchOutcome[] = [];
  for (const entry of entries) {
    if (!opts.force) {
      const local = findLocal(entry, opts);
      if (local) {
        out.push(local);
        continue;
      }
    }
    try {
      out.push({ entry, status: 'downloaded', path: await downloadOne(entry, opts) });
    } catch (e) {
      out.push({ entry, status: 'failed', error: (e as Error).message });
    }
  }
  return out;
}

/**
 * A local copy that matches the registry is `present`; one of the kit's own (specs/) or a user's that
 * differs is `failed` with the SPEC_CHECKSUM message (a download would not be used); a differing cached
 * copy, or none, is to be downloaded (undefined).
 */
function findLocal(entry: ApiEntry, opts: FetchOptions): FetchOutcome | undefined {
  let found: ResolvedSpec;
  try {
    found = resolveSpec(entry, opts);
  } catch (e) {
    if (isCtkError(e) && e.code === 'SPEC_MISSING') return undefined;
    throw e;
  }
  try {
    verifyChecksum(entry, found, fileSha256(found.path), allowModifiedSpecs(opts.env ?? process.env));
    return { entry, status: 'present', path: found.path };
  } catch (e) {
    if (!isCtkError(e) || found.origin === 'cache') return undefined;
    return { entry, status: 'failed', path: found.path, error: `${e.message}${e.hint ? ` (${e.hint})` : ''}` };
  }
}

type Coded = Error & { code?: string; cause?: unknown };

/** What went wrong below fetch's "fetch failed", in words: DNS, refused, TLS, timeout. */
export function downloadCause(e: unknown): string {
  const outer = e as Coded;
  const inner = (outer?.cause ?? outer) as Coded;
  const code = inner?.code ?? outer?.code ?? '';
  const host = (inner as { hostname?: string }).hostname;
  if (outer?.name === 'TimeoutError' || outer?.name === 'AbortError') return 'timed out (no answer): offline, or a firewall drops the connection?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS: the name${host ? ` ${host}` : ''} cannot be resolved (${code}): offline, or no DNS?`;
  if (code === 'ECONNREFUSED') return `connection refused (${code}): nothing listens there, or a proxy refuses`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `the connection was reset (${code}): a proxy or firewall?`;
  if (/CERT|TLS|SSL|EPROTO/i.test(code) || /certificate|tls|ssl/i.test(inner?.message ?? '')) {
    return `TLS: ${inner?.message ?? code} (${code}): a proxy that intercepts HTTPS, or a wrong clock?`;
  }
  return inner?.message && inner !== outer ? `${outer.message}: ${inner.message}${code ? ` (${code})` : ''}` : outer?.message ?? String(e);
}

async function downloadOne(entry: ApiEntry, opts: FetchOptions): Promise<string> {
  const url = downloadUrl(entry, opts.mirror);
  const doFetch = opts.fetchImpl ?? fetch;
  let body: Buffer;
  try {
    // The deadline covers the body too, and holds under GC pressure (src/deadline.ts).
    const buf = await withDeadline(opts.timeoutMs ?? 30_000, async (signal) => {
      const res = await doFetch(url, { signal, redirect: 'follow' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return Buffer.from(await res.arrayBuffer());
    });
    if (buf.length > MAX_BYTES) throw new Error(`larger than ${MAX_BYTES} bytes`);
    body = buf;
  } catch (cause) {
    throw new CtkError('SPEC_DOWNLOAD', `${entry.id} v${entry.version}: download from ${url} failed: ${downloadCause(cause)}`, { cause });
  }
  const sum = sha256(body);
  if (sum !== entry.sha256) {
    throw new CtkError('SPEC_CHECKSUM', `${entry.id} v${entry.version}: ${url} has sha256 ${sum}, expected ${entry.sha256}; not kept`);
  }
  const target = join(opts.cacheDir ?? defaultCacheDir(opts.env), entry.file);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.part`, body);
  await rename(`${target}.part`, target);
  return target;
}
