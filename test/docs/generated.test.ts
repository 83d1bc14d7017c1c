/**
 * The generated reference pages match the code they come from: changing a check, a leniency or an error code
 * without running `npm run docs` fails here, so docs/checks.md and docs/errors.md cannot drift.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GENERATED, renderChecks } from '../../scripts/docs.ts';
import { CHECK_IDS } from '../../src/core/check-ids.ts';
import { ErrorCodes } from '../../src/errors.ts';
import { projectRoot } from '../../src/paths.ts';
import { LENIENCIES } from '../../src/tmf/policy.ts';

describe('generated reference pages', () => {
  for (const [path, render] of Object.entries(GENERATED)) {
    it(`${path} is what the code generates (run "npm run docs" after changing it)`, () => {
      assert.equal(readFileSync(join(projectRoot, path), 'utf8'), render());
    });
  }

  it('the pages name every check with its own description, every leniency and every error code', () => {
    const checks = renderChecks();
    for (const id of CHECK_IDS) assert.match(checks, new RegExp(`\\| \\[\`${id}\`\\]\\(\\.\\./[\\w/-]+\\.ts\\) \\| \\S[^|]{10,}`), id);
    for (const l of LENIENCIES) assert.ok(checks.includes(`| \`${l.id}\` | `), l.id);
    const errors = GENERATED['docs/errors.md']!();
    for (const code of Object.keys(ErrorCodes)) assert.ok(errors.includes(`| \`${code}\` |`), code);
  });

  it('every check that can fail names the sources its code cites, RFCs included (no "—" beside a failing rule)', () => {
    const rows = renderChecks().split('\n').filter((l) => l.startsWith('| [`'));
    for (const id of ['link-header', 'same-page', 'location-header']) {
      assert.match(rows.find((r) => r.startsWith(`| [\`${id}\`]`)) ?? '', /\| [^|]*RFC[^|]* \|$/, id);
    }
    assert.deepEqual(rows.filter((r) => r.endsWith('| — |')), [], 'a check citing no source');
  });
});
