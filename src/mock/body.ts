import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PATCH_MEDIA_TYPES, patchFlavour, parseMediaType, type PatchFlavour } from '../tmf/media-types.js';
import { unsafeKeyPath } from '../tmf/patch.js';
import { MockHttpError } from './errors.js';

/** Deeper than any TMF payload; bounds the recursion of validation, cloning and serialization. */
export const MAX_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Depth of a parsed JSON value, iteratively (the value may be hostile), stopping past `limit`. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return false;
}

/**
 * Strict JSON: valid UTF-8, parseable, bounded depth, no `__proto__`/`constructor`/`prototype` keys
 * (JSON.parse makes them own properties, but any later spread or merge could pollute a prototype).
 */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new MockHttpError('MALFORMED_JSON', 'request body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new MockHttpError('MALFORMED_JSON', `request body is not valid JSON: ${(e as Error).message.slice(0, 200)}`);
  }
  if (depthExceeds(value, MAX_DEPTH)) throw new MockHttpError('INVALID_BODY', `request body nests deeper than ${MAX_DEPTH} levels`);
  const unsafe = unsafeKeyPath(value);
  if (unsafe) throw new MockHttpError('INVALID_BODY', `attribute path ${unsafe} is not allowed`);
  const inexact = inexactNumberPath(value);
  if (inexact !== undefined) {
    throw new MockHttpError('INVALID_BODY', `attribute ${inexact || '(root)'}: a number beyond ±${Number.MAX_SAFE_INTEGER} (2^53 − 1) cannot be kept exactly; send a smaller value`);
  }
  return value;
}

/**
 * The JSON pointer of the first number the mock could not answer back as it was sent, if any. Numbers are
 * IEEE doubles: beyond 2^53 − 1 every one is a whole number that stands for several literals
 * (`9007199254740993` reads as `…992`), from 10^21 it is written back in exponent form (`1e+23`, which is
 * no `integer` to a Swagger 2.0 document), and past the double range it becomes `null`. Whether the
 * attribute is an integer or a number, such a value is refused rather than answered changed.
 */
export function inexactNumberPath(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number') {
      if (!(Math.abs(v) <= Number.MAX_SAFE_INTEGER)) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) stack.push([child, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`]);
    }
  }
  return undefined;
}

/** Replaces fastify's parsers: JSON with or without charset, merge patch and JSON Patch; 415 for the rest. */
export function installBodyParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...PATCH_MEDIA_TYPES], { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJson(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}

/** POST bodies: plain JSON only (a merge patch media type on a create is a client mistake worth a 415). */
export function requirePlainJson(req: FastifyRequest): void {
  if (parseMediaType(req.headers['content-type'])?.type !== 'application/json') {
    throw new MockHttpError('UNSUPPORTED_MEDIA_TYPE', `Content-Type must be application/json, got "${String(req.headers['content-type'] ?? 'none').slice(0, 100)}"`);
  }
}

/** PATCH bodies: the TMF630 flavours; anything else 415. */
export function requirePatchFlavour(req: FastifyRequest): PatchFlavour {
  const flavour = patchFlavour(req.headers['content-type']);
  if (!flavour) {
    throw new MockHttpError('UNSUPPORTED_MEDIA_TYPE', `PATCH Content-Type must be one of ${PATCH_MEDIA_TYPES.join(', ')}, got "${String(req.headers['content-type'] ?? 'none').slice(0, 100)}"`);
  }
  return flavour;
}

/** The body of a create or merge patch: a JSON object. */
export function requireObject(body: unknown, what: string): Record<string, unknown> {
  if (body === undefined) throw new MockHttpError('INVALID_BODY', `${what} needs a JSON object body`);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new MockHttpError('INVALID_BODY', `${what} body must be a JSON object`);
  return body as Record<string, unknown>;
}
