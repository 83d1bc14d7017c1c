/** Media types as TMF630 and the documents use them. */
export interface MediaType {
  type: string; // application/json
  params: Record<string, string>;
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

export type PatchFlavour = 'merge' | 'json-patch';

/** TMF630 PATCH media types: merge patch (also plain application/json) and JSON Patch. */
export function patchFlavour(header: string | undefined | null): PatchFlavour | undefined {
  const t = parseMediaType(header)?.type;
  if (t === 'application/merge-patch+json' || t === 'application/json') return 'merge';
  if (t === 'application/json-patch+json') return 'json-patch';
  return undefined;
}

/** Did the charset parameter deviate from what the document declares? Used for advisories only. */
export function charsetAdvisory(header: string | undefined | null, declared: string): string | undefined {
  const got = parseMediaType(header);
  const want = parseMediaType(declared);
  if (!got || !want || got.type !== want.type) return undefined;
  if ((got.params.charset ?? '').toLowerCase() === (want.params.charset ?? '').toLowerCase()) return undefined;
  return `Content-Type "${header}" differs from the document's "${declared}" only by its charset parameter (same media type per RFC 8259)`;
}
