/**
 * The Link header (RFC 8288 §3): `<URI>; rel="next", <URI>; rel="last"`. A server may page with it beside
 * X-Total-Count; when it does, each entry must parse and each URI must name one page (one query string).
 */
export interface LinkEntry {
  uri: string;
  rels: string[];
}

export interface ParsedLinks {
  entries: LinkEntry[];
  problems: string[];
}

/** Splits at commas outside `<…>` and quoted strings. */
function splitEntries(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inUri = false;
  let inQuote = false;
  for (const ch of value) {
    if (ch === '<' && !inQuote) inUri = true;
    else if (ch === '>' && !inQuote) inUri = false;
    else if (ch === '"' && !inUri) inQuote = !inQuote;
    if (ch === ',' && !inUri && !inQuote) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out.map((e) => e.trim()).filter((e) => e.length > 0);
}

const PARAM = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;"]+)))?\s*$/;

function parseEntry(text: string, problems: string[]): LinkEntry | undefined {
  const m = /^<([^>]*)>(.*)$/s.exec(text);
  if (!m) { problems.push(`entry ${JSON.stringify(text.slice(0, 80))} does not start with <URI>`); return undefined; }
  const uri = m[1]!.trim();
  const rels: string[] = [];
  for (const param of m[2]!.split(';').slice(1)) {
    const p = PARAM.exec(param);
    if (!p) { problems.push(`<${uri.slice(0, 80)}>: parameter ${JSON.stringify(param.trim().slice(0, 40))} does not parse`); continue; }
    if (p[1]!.toLowerCase() === 'rel') rels.push(...(p[2] ?? p[3] ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  }
  if (!/^\s*;/.test(m[2]!) && m[2]!.trim()) problems.push(`<${uri.slice(0, 80)}> is followed by ${JSON.stringify(m[2]!.trim().slice(0, 40))}, not by ";" parameters`);
  if (rels.length === 0) problems.push(`<${uri.slice(0, 80)}> has no rel`);
  if ((uri.match(/\?/g) ?? []).length > 1) problems.push(`<${uri.slice(0, 120)}> holds more than one query string ("?")`);
  return { uri, rels };
}

export function parseLinkHeader(value: string): ParsedLinks {
  const problems: string[] = [];
  const entries = splitEntries(value).map((e) => parseEntry(e, problems)).filter((e): e is LinkEntry => e !== undefined);
  return { entries, problems };
}

/** `{ next: uri, last: uri }`: the first URI of each relation type. */
export function linksByRel(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value) return out;
  for (const e of parseLinkHeader(value).entries) for (const rel of e.rels) if (!Object.hasOwn(out, rel) && rel !== '__proto__') out[rel] = e.uri;
  return out;
}
