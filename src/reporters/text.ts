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

/** A file-name part from untrusted text: ASCII letters, digits, `.`, `_`, `-`; never empty, never `..`. */
export function fileNamePart(text: string | undefined, fallback: string, max = 64): string {
  const ascii = (text ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const safe = ascii.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/[-.]{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, max);
  return safe === '' ? fallback : safe;
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
