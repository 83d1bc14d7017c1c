/** A run whose every create answers 404 says once why all its cases fail: the address, not the API. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runConformance } from '../../src/composition.js';
import { mockForSuite } from '../helpers/mock.js';

describe('every create answered 404', () => {
  const target = mockForSuite({ apis: ['TMF663'] });

  it('a wrong base path: one note names the address, on the API and as a notice', async () => {
    const notices: string[] = [];
    const r = await runConformance({ target: target.url, apis: ['TMF663'], config: { apis: { TMF663: { basePath: '/tmf-api/shoppingCart/v9' } } }, onNotice: (m) => notices.push(m) });
    const api = r.apis[0]!;
    assert.equal(api.summary.conformant, false);
    assert.match(api.notes?.join(' ') ?? '', /no create request under http:\/\/127\.0\.0\.1:\d+\/tmf-api\/shoppingCart\/v9 succeeded and \d+ of \d+ answered 404/);
    assert.ok(notices.some((n) => /answered 404: is that the API's address\?/.test(n)));
  });

  it('the right base path: no such note', async () => {
    const r = await runConformance({ target: target.url, apis: ['TMF663'] });
    assert.equal(r.apis[0]!.summary.conformant, true);
    assert.doesNotMatch(r.apis[0]!.notes?.join(' ') ?? '', /answered 404/);
  });
});
