import { isCtkError } from '../errors.js';
import type { ApiEntry, Quirk } from '../document/model.js';
import { registry, selectEntries } from '../document/registry.js';
import { searchDirs, type SpecSources } from '../document/resolve.js';
import { summarizeApi, type ApiSummary } from '../document/summary.js';
import { parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk apis [--api LIST] [--specs DIR] [--json] [--quirks [--all-quirks]]

Lists the supported APIs: version, base path, resources, operation and event counts,
and where each document was found (or how to get it).

  --specs DIR   folder holding your own copies of the documents (default: $TMF_CTK_SPECS);
                then the kit's own specs/, then the "tmf-ctk specs fetch" cache
  --json        machine-readable output
  --api LIST    only these APIs (TMF663,TMF671@4.0.0)
  --quirks      also the document flaws the loader works around, grouped by quirk with counts and examples
  --all-quirks  with --quirks: every occurrence, not only the first examples`;

/** Quirks of one document by kind, most frequent first, with the first few places each occurs. */
export function groupQuirks(quirks: readonly Quirk[], examples = 3): Array<{ id: string; count: number; examples: Quirk[] }> {
  const groups = new Map<string, Quirk[]>();
  for (const q of quirks) groups.set(q.id, [...(groups.get(q.id) ?? []), q]);
  return [...groups].map(([id, list]) => ({ id, count: list.length, examples: list.slice(0, examples) }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

function quirkLines(quirks: readonly Quirk[], all: boolean): string[] {
  const groups = groupQuirks(quirks, all ? Infinity : 3);
  const lines = [`  quirks      ${quirks.length} in ${groups.length} kind${groups.length === 1 ? '' : 's'}`];
  for (const g of groups) {
    lines.push(`    ${g.id} (${g.count})`);
    for (const q of g.examples) lines.push(`      ${q.where}: ${q.detail}`);
    if (g.count > g.examples.length) lines.push(`      … and ${g.count - g.examples.length} more (--all-quirks)`);
  }
  return lines;
}

interface Row {
  api: string; title: string; version: string; certified: boolean; generic: boolean; basePath: string; resources: string[];
  operations: number; events: number; document: string | null; quirks: ApiSummary['quirks'];
  /** Quirks by kind: how many of each. */
  quirkCounts: Record<string, number>;
  /** Why the document cannot be used (SPEC_MISSING, SPEC_CHECKSUM, ...). */
  missing?: string; code?: string;
}

async function row(entry: ApiEntry, src: SpecSources): Promise<Row> {
  const base = { api: entry.default ? entry.id : `${entry.id}@${entry.version}`, title: entry.title, version: entry.version, certified: entry.default, generic: entry.generic === true };
  try {
    const s = await summarizeApi(entry, src);
    return { ...base, basePath: s.basePath, resources: s.resources, operations: s.operations, events: s.events, document: s.documentPath, quirks: s.quirks,
      quirkCounts: Object.fromEntries(groupQuirks(s.quirks).map((g) => [g.id, g.count])) };
  } catch (e) {
    if (!isCtkError(e)) throw e;
    return { ...base, basePath: entry.basePath, resources: [], operations: 0, events: 0, document: null, quirks: [], quirkCounts: {},
      missing: `${e.message}${e.hint ? ` — ${e.hint}` : ''}`, code: e.code };
  }
}

function print(r: Row, quirks: 'none' | 'grouped' | 'all', out: (t: string) => void): void {
  out(`${r.api.padEnd(13)} ${r.title} v${r.version}${r.certified ? '' : r.generic ? ' (generic: generated suite and mock)' : r.version.startsWith('4.') ? ' (selectable)' : ' (selectable: generated suite and mock)'}`);
  out(`  base path   ${r.basePath}`);
  if (r.missing) {
    out(`  document    ${r.code === 'SPEC_MISSING' ? 'MISSING' : `REFUSED [${r.code}]`}: ${r.missing}`);
    return;
  }
  out(`  resources   ${r.resources.join(', ')}`);
  out(`  operations  ${r.operations}   events ${r.events}`);
  out(`  document    ${r.document}`);
  if (quirks !== 'none') for (const line of quirkLines(r.quirks, quirks === 'all')) out(line);
}

export const command: Command = {
  summary: 'list the supported APIs and where their documents are',
  async run(argv, io) {
    const { values } = parse('apis', argv, {
      api: { type: 'string' }, specs: { type: 'string' }, json: { type: 'boolean' }, quirks: { type: 'boolean' }, 'all-quirks': { type: 'boolean' },
    });
    if (values.help) return io.out(HELP), 0;
    const src = { specsDir: values.specs, env: io.env };
    searchDirs(src); // a --specs folder that does not exist stops here, once
    const rows: Row[] = [];
    for (const entry of values.api ? selectEntries(values.api) : registry()) rows.push(await row(entry, src));
    if (values.json) return io.out(JSON.stringify(rows, null, 2)), 0;
    for (const r of rows) print(r, values.quirks ? (values['all-quirks'] ? 'all' : 'grouped') : 'none', io.out);
    return rows.some((r) => r.missing && r.certified) ? 2 : 0;
  },
};
