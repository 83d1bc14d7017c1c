import { CtkError } from '../errors.js';
import { fetchSpecs } from '../document/fetch.js';
import { registry, selectEntries } from '../document/registry.js';
import { parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk specs fetch [--api TMF663,...] [--force] [--mirror URL] [--specs DIR]

The registered documents ship with the kit (specs/), so this is rarely needed. Downloads the
published documents that are not found locally (--specs DIR or $TMF_CTK_SPECS, then specs/, then the
cache) into the cache (specs/.cache, or $TMF_CTK_CACHE), checking each against the sha256 in
specs/registry.json. Without --api every registered document (all versions) is considered.

  --force        download even when a local copy exists
  --mirror URL   download from URL/<repository>/<commit>/<path> instead of raw.githubusercontent.com

Without Internet access: --mirror URL (an internal mirror of raw.githubusercontent.com), or copy the
documents into a folder and pass --specs DIR (or set TMF_CTK_SPECS).

Exit codes: 0 all present or downloaded, 2 any download failed (error [SPEC_DOWNLOAD] on stderr, with the cause:
DNS, refused, TLS, timeout) or did not match its checksum.`;

export const command: Command = {
  summary: 'download missing specification documents into the cache (sha256 checked)',
  async run(argv, io) {
    const { values, positionals } = parse('specs', argv, {
      api: { type: 'string' }, force: { type: 'boolean' }, mirror: { type: 'string' }, specs: { type: 'string' },
    }, true);
    if (values.help || positionals.length === 0) return io.out(HELP), values.help ? 0 : 2;
    if (positionals[0] !== 'fetch') throw new CtkError('USAGE', `unknown subcommand "specs ${positionals[0]}"`, { hint: 'use "tmf-ctk specs fetch"' });
    const entries = values.api ? selectEntries(values.api) : registry();
    const results = await fetchSpecs(entries, { force: values.force, mirror: values.mirror, specsDir: values.specs, env: io.env });
    for (const r of results) {
      const label = `${r.entry.id} v${r.entry.version}`.padEnd(16);
      io.out(r.status === 'failed' ? `${label} FAILED  ${r.error}` : `${label} ${r.status.padEnd(10)} ${r.path}`);
    }
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length === 0) return 0;
    // One coded error on stderr with the cause and the ways out; the lines above say which document failed.
    const first = failed[0]!.error ?? 'unknown error';
    io.err(`error [SPEC_DOWNLOAD]: ${failed.length} of ${results.length} documents could not be downloaded; ${first}`
      + `\nhint: without Internet access, copy the documents into a folder and pass --specs DIR (or set TMF_CTK_SPECS=DIR), or download through a mirror with --mirror URL`);
    return 2;
  },
};
