import { isCtkError } from '../errors.js';
import { loadApi } from '../document/load.js';
import { registry } from '../document/registry.js';
import { parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk apis [--specs DIR] [--json] [--quirks]

Lists the supported APIs: version, base path, resources, operation and event counts,
and where each document was found (or how to get it).

  --specs DIR   folder holding the published documents (default: $TMF_CTK_SPECS, ../shared/specs, the cache)
  --json        machine-readable output
  --quirks      also list the document flaws the loader works around`;

export const command: Command = {
  summary: 'list the supported APIs and where their documents are',
  async run(argv, io) {
    const { values } = parse('apis', argv, { specs: { type: 'string' }, json: { type: 'boolean' }, quirks: { type: 'boolean' } });
    if (values.help) return io.out(HELP), 0;
    const rows = registry().map((entry) => {
      try {
        const m = loadApi(entry, { specsDir: values.specs, env: io.env });
        return {
          api: entry.default ? entry.id : `${entry.id}@${entry.version}`, title: entry.title, version: entry.version,
          certified: entry.default, generic: entry.generic === true, basePath: m.basePath, resources: m.resources.map((r) => r.name),
          operations: m.operations.filter((o) => o.kind !== 'listener').length, events: m.events.length,
          document: m.documentPath, quirks: m.quirks,
        };
      } catch (e) {
        if (!isCtkError(e)) throw e;
        return { api: entry.default ? entry.id : `${entry.id}@${entry.version}`, title: entry.title, version: entry.version,
          certified: entry.default, generic: entry.generic === true, basePath: entry.basePath, resources: [], operations: 0, events: 0, document: null,
          missing: `${e.message}${e.hint ? ` — ${e.hint}` : ''}`, quirks: [] };
      }
    });
    if (values.json) return io.out(JSON.stringify(rows, null, 2)), 0;
    for (const r of rows) {
      io.out(`${r.api.padEnd(13)} ${r.title} v${r.version}${r.certified ? '' : r.generic ? ' (generic: generated suite and mock)' : ' (selectable)'}`);
      io.out(`  base path   ${r.basePath}`);
      if ('missing' in r) {
        io.out(`  document    MISSING: ${r.missing}`);
        continue;
      }
      io.out(`  resources   ${r.resources.join(', ')}`);
      io.out(`  operations  ${r.operations}   events ${r.events}`);
      io.out(`  document    ${r.document}`);
      if (values.quirks) for (const q of r.quirks) io.out(`  quirk       ${q.id} @ ${q.where}: ${q.detail}`);
    }
    return rows.some((r) => 'missing' in r && r.certified) ? 2 : 0;
  },
};
