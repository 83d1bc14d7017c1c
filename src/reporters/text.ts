/**
 * Text helpers shared by the reporters (not a reporter itself, so reporters may import it).
 * Everything a target sent is untrusted: these make it safe for terminals, XML and file names.
 */

/**
 * Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates).
 * The `u` flag makes a lone surrogate one code point, so it falls outside every allowed range.
 */
const XML_ILLEGAL = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes what XML 1.0 cannot carry; a parser would reject the whole file otherwise. */
export function stripIllegalXml(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** Every string inside a plain data tree (a view model) with stripIllegalXml applied; a new tree. */
export function stripIllegalDeep<T>(value: T): T {
  if (typeof value === 'string') return stripIllegalXml(value) as T;
  if (Array.isArray(value)) return value.map(stripIllegalDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripIllegalDeep(v)])) as T;
  }
  return value;
}

/**
 * For terminals: drops ESC sequences and other controls a target could use to rewrite the screen
 * (fake "passed" lines, hidden text). Newlines and tabs become spaces so one item stays one line.
 */
export function terminalSafe(text: string): string {
  return stripIllegalXml(text)
    .replace(/[\u007F-\u009F]/g, '')
    .replace(/[\t\n\r]+/g, ' ');
}

/**
 * A file-name part from untrusted text: letters and digits of any script (`中国电信` stays `中国电信`), `.`, `_`,
 * `-`; everything else (separators, `<>:"|?*`, controls, spaces) becomes `-`. Never empty, never `..`.
 */
export function fileNamePart(text: string | undefined, fallback: string, max = 64): string {
  const safe = (text ?? '').normalize('NFC').replace(/[^\p{L}\p{M}\p{N}._-]+/gu, '-').replace(/[-.]{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  // Cut by code point so a character outside the BMP is never split in half.
  const cut = Array.from(safe).slice(0, max).join('').replace(/[-.]+$/, '');
  return cut === '' ? fallback : cut;
}

/** `12 ms`, `1.25 s`, `2 min 05 s`: durations a person reads at a glance. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** `1 case`, `2 cases`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ` v4.0.0`, or nothing for an API without a version (a third-party collection): never a bare `v`. */
export function versionSuffix(version: string | undefined): string {
  return version ? ` v${version.replace(/^v(?=\d)/i, '')}` : '';
}

/** A suite file of the run's evidence, as the reports name it: `ctk TMF663.zip`, `config.json of the kit TMF663-kit`. */
export function collectionLabel(c: { kind: string; file: string; kit?: string }): string {
  const what = c.kind === 'ctk' ? 'TM Forum kit' : c.kind;
  return c.kit ? `${what} ${c.file} of the kit ${c.kit}` : `${what} ${c.file}`;
}

/** What a document line adds after the sha256: whether it is the published one, or not read by this run. */
export function documentNote(d: { published: boolean; fromRegistry?: true }): string {
  if (d.fromRegistry) return 'the published document the API is registered with; not read by this run (the suite\'s own assertions judged)';
  return d.published ? 'the published document' : 'differs from the published document';
}
