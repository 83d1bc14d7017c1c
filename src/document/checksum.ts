import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { CtkError } from '../errors.js';
import type { ApiEntry, Quirk } from './model.js';
import { isUserCopy, type ResolvedSpec } from './resolve.js';

/** The opt-out that lets a run use a user's own, modified copy of a registered document. */
export const ALLOW_MODIFIED_ENV = 'TMF_CTK_ALLOW_MODIFIED_SPECS';

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

const memo = new Map<string, { stamp: string; sha256: string }>();

/** A file's identity for caches: a change of content almost always changes mtime or size. */
export function fileStamp(path: string): string {
  const st = statSync(path);
  return `${st.mtimeMs}:${st.size}`;
}

/** sha256 of a file's bytes, hashed once per path, mtime and size. */
export function fileSha256(path: string): string {
  const stamp = fileStamp(path);
  const hit = memo.get(path);
  if (hit?.stamp === stamp) return hit.sha256;
  const sum = sha256(readFileSync(path));
  memo.set(path, { stamp, sha256: sum });
  return sum;
}

export function allowModifiedSpecs(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(1|true|yes)$/i.test(env[ALLOW_MODIFIED_ENV] ?? '');
}

export interface ChecksumVerdict {
  /** true when the file differs from the registry and the opt-out let it through (a user's copy only). */
  modified: boolean;
}

/**
 * A registered document is used only with the sha256 specs/registry.json gives it. The kit's own
 * copies (specs/, the download cache) never differ; a user's copy (`--specs`, TMF_CTK_SPECS) may only
 * with TMF_CTK_ALLOW_MODIFIED_SPECS=1 (or allowModified), and the model then records a `checksum` quirk.
 */
export function verifyChecksum(entry: ApiEntry, found: ResolvedSpec, actual: string, allowModified: boolean): ChecksumVerdict {
  if (actual === entry.sha256) return { modified: false };
  if (isUserCopy(found.origin) && allowModified) return { modified: true };
  throw new CtkError(
    'SPEC_CHECKSUM',
    `${entry.id} v${entry.version}: ${found.path} has sha256 ${actual}, but specs/registry.json expects ${entry.sha256}; a changed document is never used`,
    { hint: checksumHint(entry, found) },
  );
}

function checksumHint(entry: ApiEntry, found: ResolvedSpec): string {
  const selector = `${entry.id}@${entry.version}`;
  if (isUserCopy(found.origin)) {
    return `replace it with the published file (${entry.source.url}), remove it from that folder to use the kit's own copy, ` +
      `or set ${ALLOW_MODIFIED_ENV}=1 to run against your modified copy (listed as a "checksum" quirk by "tmf-ctk apis --quirks")`;
  }
  if (found.origin === 'project') {
    return `restore the file as shipped ("git checkout -- specs/${entry.file}" in a clone, or reinstall tmf-ctk); ` +
      `to use your own copy, pass --specs DIR`;
  }
  return `delete ${found.path} and run "tmf-ctk specs fetch --force --api ${selector}" to download it again`;
}

/** How a modified copy let through by the opt-out is named in the model (and by `tmf-ctk apis --quirks`). */
export function checksumQuirk(entry: ApiEntry, path: string, actual: string): Quirk {
  return { id: 'checksum', where: path, detail: `sha256 ${actual} differs from the registry's ${entry.sha256}` };
}
