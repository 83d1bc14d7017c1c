import { isCtkError } from '../errors.js';
import { loadApi } from '../document/load.js';
import type { Quirk } from '../document/model.js';
import { registry, selectEntries } from '../document/registry.js';
import { parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk apis [--api LIST] [--specs DIR] [--json] [--quirks [--all-quirks]]

Lists the supported APIs: version, base path, resources, operation and event counts,
and where each document was found (or how to get it).

  --specs DIR   folder holding the published documents (default: $TMF_CTK_SPECS, ../shared/specs, the cache)
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

export const command: Command = {
  summary: 'list the supported APIs and where their documents are',
  async run(argv, io) {
    const { values } = parse('apis', argv, {
      api: { type: 'string' }, specs: { type: 'string' }, json: { type: 'boolean' }, quirks: { type: 'boolean' }, 'all-quirks': { type: 'boolean' },
    });
    if (values.help) return io.out(HELP), 0;
    const entries = values.api ? selectEntries(values.api) : registry();
    const rows = entries.map((entry) => {
      try {
        const m = loadApi(entry, { specsDir: values.specs, env: io.env });
        return {
          api: entry.default ? entry.id : `${entry.id}@${entry.version}`, title: entry.title, version: entry.version,
          certified: entry.default, basePath: m.basePath, resources: m.resources.map((r) => r.name),
          operations: m.operations.filter((o) => o.kind !== 'listener').length, events: m.events.length,
          document: m.documentPath, quirks: m.quirks, quirkCounts: Object.fromEntries(groupQuirks(m.quirks).map((g) => [g.id, g.count])),
        };
      } catch (e) {
        if (!isCtkError(e)) throw e;
        return { api: entry.default ? entry.id : `${entry.id}@${entry.version}`, title: entry.title, version: entry.version,
          certified: entry.default, basePath: entry.basePath, resources: [], operations: 0, events: 0, document: null,
          missing: `${e.message}${e.hint ? ` — ${e.hint}` : ''}`, quirks: [], quirkCounts: {} };
      }
    });
    if (values.json) return io.out(JSON.stringify(rows, null, 2)), 0;
    for (const r of rows) {
      io.out(`${r.api.padEnd(13)} ${r.title} v${r.version}${r.certified ? '' : ' (selectable)'}`);
      io.out(`  base path   ${r.basePath}`);
      if ('missing' in r) {
        io.out(`  document    MISSING: ${r.missing}`);
        continue;
      }
      io.out(`  resources   ${r.resources.join(', ')}`);
      io.out(`  operations  ${r.operations}   events ${r.events}`);
      io.out(`  document    ${r.document}`);
      if (values.quirks) for (const line of quirkLines(r.quirks, values['all-quirks'] ?? false)) io.out(line);
    }
    return rows.some((r) => 'missing' in r && r.certified) ? 2 : 0;
  },
};
