import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CtkError } from '../errors.js';
import { formatError } from '../schema/errors.js';
import { schemasFor } from '../schema/schema-set.js';
import { loadApi } from '../document/load.js';
import { parse } from './args.js';
import type { Command } from './command.js';

const HELP = `Usage: tmf-ctk validate --api TMF663 --schema ShoppingCart [--specs DIR] [--json] FILE|-

Validates a JSON payload (a file, or - for standard input) against a schema of an API.
An array is validated item by item. A payload whose @type names a schema extending the
given one is validated against that one too.

Exit codes: 0 valid, 1 invalid (errors listed), 2 usage error (unknown API or schema, unreadable file).`;

export const command: Command = {
  summary: 'validate a JSON payload against a schema of an API',
  async run(argv, io) {
    const { values, positionals } = parse('validate', argv, {
      api: { type: 'string' }, schema: { type: 'string' }, specs: { type: 'string' }, json: { type: 'boolean' },
    }, true);
    if (values.help) return io.out(HELP), 0;
    if (!values.api || !values.schema || positionals.length !== 1) {
      throw new CtkError('USAGE', 'validate needs --api, --schema and one FILE (or -)', { hint: 'see "tmf-ctk validate --help"' });
    }
    const api = loadApi(values.api, { specsDir: values.specs, env: io.env });
    const schemas = schemasFor(api);
    schemas.validator(values.schema); // unknown schema → usage error listing the valid ones
    const file = positionals[0]!;
    let text: string;
    try {
      text = file === '-' ? await io.stdin() : await readFile(resolve(io.cwd, file), 'utf8');
    } catch (cause) {
      throw new CtkError('INPUT_READ', `cannot read ${file}: ${(cause as Error).message}`, { cause });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      io.err(`error [INPUT_JSON]: ${file} is not valid JSON: ${(e as Error).message}`);
      return 1;
    }
    const result = Array.isArray(data) ? schemas.validateArray(values.schema, data) : schemas.validate(values.schema, data);
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else if (result.valid) io.out(`valid: ${file} against ${api.id} ${result.schema}`);
    else {
      io.out(`invalid: ${file} against ${api.id} ${result.schema} (${result.errors.length} error${result.errors.length === 1 ? '' : 's'})`);
      for (const e of result.errors) io.out(`  ${formatError(e)}`);
    }
    return result.valid ? 0 : 1;
  },
};
