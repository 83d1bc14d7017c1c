import jsonpatch from 'fast-json-patch';
import type { Operation as JsonPatchOp } from 'fast-json-patch';
import type { PatchFlavour } from './media-types.js';
import { PatchError } from './patch-error.js';
import { expandPatchQuery, withoutQuery } from './patch-query.js';

export { PatchError };

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Refuses `__proto__`/`constructor`/`prototype` keys anywhere in client data (prototype pollution). */
export function unsafeKeyPath(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = unsafeKeyPath(value[i], `${path}/${i}`);
      if (hit) return hit;
    }
  } else if (isPlainObject(value)) {
    for (const k of Object.keys(value)) {
      if (UNSAFE_KEYS.has(k)) return `${path}/${k}`;
      const hit = unsafeKeyPath(value[k], `${path}/${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** RFC 7396 JSON Merge Patch: objects merge, `null` removes, anything else replaces. Returns a new value. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (UNSAFE_KEYS.has(k)) throw new PatchError(`attribute "${k}" is not allowed`);
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v);
  }
  return out;
}

/** RFC 6902 JSON Patch (validated first; prototype modification banned). Returns a new document. */
export function applyJsonPatch<T>(target: T, ops: unknown): T {
  if (!Array.isArray(ops)) throw new PatchError('a JSON Patch document must be an array of operations');
  for (const op of ops as Array<{ path?: unknown; from?: unknown }>) {
    for (const p of [op?.path, op?.from]) {
      if (typeof p === 'string' && p.split('/').some((seg) => UNSAFE_KEYS.has(jsonpatch.unescapePathComponent(seg)))) {
        throw new PatchError(`JSON Patch path "${p.slice(0, 80)}" is not allowed`);
      }
    }
  }
  let err: Error | undefined;
  try {
    err = jsonpatch.validate(ops as JsonPatchOp[], target);
  } catch (e) {
    throw new PatchError(`JSON Patch is invalid: ${(e as Error).message.split('\n')[0]}`);
  }
  if (err) throw new PatchError(`JSON Patch operation ${(err as { index?: number }).index ?? '?'} is invalid: ${err.name}`);
  try {
    return jsonpatch.applyPatch(structuredClone(target), ops as JsonPatchOp[], true, false, true).newDocument;
  } catch (e) {
    throw new PatchError(`JSON Patch failed: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Top-level attributes a patch touches: merge patch keys, or the first segment of each JSON Patch path. */
export function touchedAttributes(flavour: PatchFlavour, patch: unknown): string[] {
  if (flavour === 'merge') return isPlainObject(patch) ? Object.keys(patch) : [];
  if (!Array.isArray(patch)) return [];
  const out = new Set<string>();
  for (const op of patch as Array<{ path?: unknown; from?: unknown }>) {
    for (const p of [op?.path, op?.from]) {
      if (typeof p !== 'string') continue;
      const first = withoutQuery(p).split('/')[1];
      if (first !== undefined) out.add(jsonpatch.unescapePathComponent(first));
    }
  }
  return [...out];
}

export function applyPatch<T>(flavour: PatchFlavour, target: T, patch: unknown): T {
  const bad = unsafeKeyPath(patch);
  if (bad) throw new PatchError(`attribute path ${bad} is not allowed`);
  if (flavour === 'merge') return applyMergePatch(target, patch) as T;
  return applyJsonPatch(target, flavour === 'json-patch-query' ? expandPatchQuery(target, patch) : patch);
}
