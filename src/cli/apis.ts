import { isCtkError } from '../errors.js';
import type { ApiEntry } from '../document/model.js';
import { registry } from '../document/registry.js';
import { searchDirs, type SpecSources } from '../document/resolve.js';
import { summarizeApi, type ApiSummary } from '../document/summary.js';
import { parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk apis [--specs DIR] [--json] [--quirks]

Lists the supported APIs: version, base path, resources, operation and event counts,
and where each document was found (or how to get it).

  --specs DIR   folder holding your own copies of the documents (default: $TMF_CTK_SPECS);
                then the kit's own specs/, then the "tmf-ctk specs fetch" cache
  --json        machine-readable output
  --quirks      also list the document flaws the loader works around`;

interface Row {
  api: string; title: string; version: string; certified: boolean; generic: boolean; basePath: string; resources: string[];
  operations: number; events: number; document: string | null; quirks: ApiSummary['quirks'];
  /** Why the document cannot be used (SPEC_MISSING, SPEC_CHECKSUM, ...). */
  missing?: string; code?: string;
}

async function row(entry: ApiEntry, src: SpecSources): Promise<Row> {
  const base = { api: entry.default ? entry.id : `${entry.id}@${entry.version}`, title: entry.title, version: entry.version, certified: entry.default, generic: entry.generic === true };
  try {
    const s = await summarizeApi(entry, src);
    return { ...base, basePath: s.basePath, resources: s.resources, operations: s.operations, events: s.events, document: s.documentPath, quirks: s.quirks };
  } catch (e) {
    if (!isCtkError(e)) throw e;
    return { ...base, basePath: entry.basePath, resources: [], operations: 0, events: 0, document: null, quirks: [],
      missing: `${e.message}${e.hint ? ` — ${e.hint}` : ''}`, code: e.code };
  }
}

function print(r: Row, quirks: boolean, out: (t: string) => void): void {
  out(`${r.api.padEnd(13)} ${r.title} v${r.version}${r.certified ? '' : r.generic ? ' (generic: generated suite and mock)' : ' (selectable)'}`);
  out(`  base path   ${r.basePath}`);
  if (r.missing) {
    out(`  document    ${r.code === 'SPEC_MISSING' ? 'MISSING' : `REFUSED [${r.code}]`}: ${r.missing}`);
    return;
  }
  out(`  resources   ${r.resources.join(', ')}`);
  out(`  operations  ${r.operations}   events ${r.events}`);
  out(`  document    ${r.document}`);
  if (quirks) for (const q of r.quirks) out(`  quirk       ${q.id} @ ${q.where}: ${q.detail}`);
}

export const command: Command = {
  summary: 'list the supported APIs and where their documents are',
  async run(argv, io) {
    const { values } = parse('apis', argv, { specs: { type: 'string' }, json: { type: 'boolean' }, quirks: { type: 'boolean' } });
    if (values.help) return io.out(HELP), 0;
    const src = { specsDir: values.specs, env: io.env };
    searchDirs(src); // a --specs folder that does not exist stops here, once
    const rows: Row[] = [];
    for (const entry of registry()) rows.push(await row(entry, src));
    if (values.json) return io.out(JSON.stringify(rows, null, 2)), 0;
    for (const r of rows) print(r, Boolean(values.quirks), io.out);
    return rows.some((r) => r.missing && r.certified) ? 2 : 0;
  },
};
