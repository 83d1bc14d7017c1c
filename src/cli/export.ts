import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { exportApi, exportCollection } from '../composition.js';
import { loadSpecFile } from '../document/spec-file.js';
import { isFolder, type PostmanCollection } from '../collection/postman.js';
import { CtkError } from '../errors.js';
import { loadConfig } from '../runner/config.js';
import { generatorSeedOption, parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk export (--api TMF663 | --spec FILE) [--out FILE] [--target URL] [--config FILE] [--specs DIR]

Writes the conformance cases of an API as a Postman v2.1 collection that plain newman runs:
one folder per case (TM Forum kit names, TC_<Resource>_N1…), one request per step, the same
checks as "tmf-ctk run" as pm.test assertions. Run it with
  newman run FILE --env-var baseUrl=http://HOST:PORT/<base path>
or with "tmf-ctk run --collection FILE" to get tmf-ctk's reports.

  --api ID        the API (TMF663, TMF671@4.0.0…)
  --spec FILE     a TM Forum API document not in the registry: its generated suite (docs/any-document.md)
  --generator-seed N  seed of the generated payloads (default 1)
  --out FILE      where to write (default: standard output)
  --target URL    server root for the collection's default baseUrl (default http://localhost:8080)
  --config FILE   a "tmf-ctk run" config: payloads, base path, skipped cases and features, strict mode
  --specs DIR     where the published documents are

Notification cases are exported as notes (never sent): Postman cannot host the listener the
events are delivered to. Exit codes: 0 written, 2 usage error (unknown API, missing document,
invalid config, unwritable file).`;

function counts(c: PostmanCollection): { cases: number; requests: number; notes: number } {
  const folders = c.item.filter(isFolder);
  const items = folders.flatMap((f) => f.item ?? []);
  const notes = items.filter((i) => i.id?.endsWith('#note')).length;
  return { cases: folders.length, requests: items.length - notes, notes };
}

export const command: Command = {
  summary: 'write the cases of an API as a Postman v2.1 collection (for newman)',
  async run(argv, io) {
    const { values } = parse('export', argv, {
      api: { type: 'string' }, spec: { type: 'string' }, 'generator-seed': { type: 'string' }, out: { type: 'string' }, target: { type: 'string' }, config: { type: 'string' }, specs: { type: 'string' },
    });
    if (values.help) return io.out(HELP), 0;
    if ((!values.api && !values.spec) || (values.api && values.spec) || values.api?.includes(',')) {
      throw new CtkError('USAGE', 'export needs one --api or one --spec', { hint: 'see "tmf-ctk export --help"' });
    }
    if (values.target !== undefined && !/^https?:\/\/[^/]/.test(values.target)) {
      throw new CtkError('USAGE', `--target "${values.target}" is not an http(s) URL`, { hint: 'e.g. --target http://localhost:8080' });
    }
    const config = values.config ? await loadConfig(resolve(io.cwd, values.config)) : undefined;
    const options = { target: values.target, config, specsDir: values.specs, env: io.env, generatorSeed: generatorSeedOption(values['generator-seed']) };
    const collection = values.spec
      ? await exportCollection(loadSpecFile(resolve(io.cwd, values.spec)), options)
      : await exportApi(values.api!, options);
    const text = `${JSON.stringify(collection, null, 2)}\n`;
    if (!values.out) return io.out(text), 0;
    const file = resolve(io.cwd, values.out);
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    } catch (cause) {
      throw new CtkError('USAGE', `cannot write ${file}: ${(cause as Error).message}`, { cause, hint: 'choose another --out' });
    }
    const n = counts(collection);
    io.out(`wrote ${file}: ${n.cases} cases, ${n.requests} requests, ${n.notes} notes (not run in Postman)`);
    return 0;
  },
};
