/** Media types and headers as TMF630 and the documents use them. */
export interface MediaType {
  type: string; // application/json
  params: Record<string, string>;
}

/** A header, case-insensitively (HTTP header names are). */
export function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

export function parseMediaType(header: string | undefined | null): MediaType | undefined {
  if (!header) return undefined;
  const [type, ...rest] = header.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const [k, v] = p.split('=');
    if (k && v !== undefined) params[k.trim().toLowerCase()] = v.trim().replace(/^"|"$/g, '');
  }
  return { type: (type ?? '').trim().toLowerCase(), params };
}

/**
 * JSON, with or without `;charset=utf-8`: RFC 8259 defines no charset parameter, the documents declare one,
 * both are the same media type. `+json` suffixes count (merge-patch+json, problem+json).
 */
export function isJsonMediaType(header: string | undefined | null): boolean {
  const mt = parseMediaType(header);
  if (!mt) return false;
  return mt.type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mt.type);
}

export type PatchFlavour = 'merge' | 'json-patch' | 'json-patch-query';

/** TMF630 PATCH media types and what each carries: merge patch (also plain application/json), JSON Patch, JSON Patch Query (tmf/patch-query.ts). */
const PATCH_FLAVOURS: Readonly<Record<string, PatchFlavour>> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json-patch',
  'application/json-patch-query+json': 'json-patch-query',
  'application/json': 'merge',
};

/** The TMF630 PATCH media types (the v4 documents declare none for PATCH): what the mock parses and accepts. */
export const PATCH_MEDIA_TYPES: readonly string[] = Object.keys(PATCH_FLAVOURS);

export function patchFlavour(contentType: string | undefined | null): PatchFlavour | undefined {
  const t = parseMediaType(contentType)?.type;
  return t !== undefined && Object.hasOwn(PATCH_FLAVOURS, t) ? PATCH_FLAVOURS[t] : undefined;
}

/** Did the charset parameter deviate from what the document declares? Used for advisories only. */
export function charsetAdvisory(header: string | undefined | null, declared: string): string | undefined {
  const got = parseMediaType(header);
  const want = parseMediaType(declared);
  if (!got || !want || got.type !== want.type) return undefined;
  if ((got.params.charset ?? '').toLowerCase() === (want.params.charset ?? '').toLowerCase()) return undefined;
  return `Content-Type "${header}" differs from the document's "${declared}" only by its charset parameter (same media type per RFC 8259)`;
}
