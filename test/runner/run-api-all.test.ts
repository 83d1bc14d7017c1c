import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

describe('tmf-ctk run: --api and --all', () => {
  it('together are a usage error (exit 2), not --all silently winning', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ctk-api-all-'));
    try {
      const r = await runCli(['run', '--target', 'http://127.0.0.1:9', '--api', 'TMF663', '--all', '--reporter', 'json', '--out', out]);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /error \[USAGE\]: --api and --all do not go together/);
      assert.deepEqual(readdirSync(out), [], 'nothing was run, no report written');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
