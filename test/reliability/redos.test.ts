import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCli, stop, type MockProcess } from '../mock/cli-process.js';
import { assertTmfError, http, listener, type Listener } from './helpers.js';

/**
 * Regex filters (`attr.regex=…`, TMF630) come from the client. A pattern that backtracks
 * catastrophically must not hold the mock's event loop: the mock runs in its own process here, so a
 * regression shows as a request timeout, never as a hung test run.
 */
const CARTS = '/tmf-api/shoppingCart/v4/shoppingCart';
const HUB = '/tmf-api/shoppingCart/v4/hub';
/** Exponential (alternation, nested and counted groups) and polynomial (adjacent stars) backtracking. */
const PATTERNS = ['(a|a)*b', '(a|aa)+b', '((a+))+b', '(a{1,30}){1,30}b', '\\w*\\w*\\w*\\w*\\w*!', '.*.*.*.*=x'];
const ANSWER_MS = 3000;

let mock: MockProcess;
let l: Listener;
before(async () => {
  mock = await startCli(['--port', '0', '--api', 'TMF663', '--no-seed', '--clock-ms', '0']);
  l = await listener();
  for (const description of ['a'.repeat(40) + '!', 'a'.repeat(20_000)]) {
    assert.equal((await http(`${mock.url}${CARTS}`, 'POST', { description })).status, 201);
  }
});
after(async () => {
  if (mock) await stop(mock, 'SIGKILL');
  await l?.close();
});

async function healthy(): Promise<void> {
  const r = await http(`${mock.url}${CARTS}?limit=1`, 'GET', undefined, undefined, ANSWER_MS);
  assert.ok(r.status === 200 || r.status === 206, `the mock still answers: ${r.status}`);
}

describe('catastrophic regex filters are bounded', () => {
  for (const pattern of PATTERNS) {
    it(`GET ?description.regex=${pattern}: an answer within ${ANSWER_MS} ms, the mock still serving`, async () => {
      const r = await http(`${mock.url}${CARTS}?description.regex=${encodeURIComponent(pattern)}`, 'GET', undefined, undefined, ANSWER_MS);
      if (r.status !== 200) assertTmfError(r, pattern);
      await healthy();
    });
  }

  it('a subscription whose query backtracks does not hold a create', async () => {
    const sub = await http(`${mock.url}${HUB}`, 'POST', { callback: `${l.url}/x`, query: 'event.shoppingCart.description.regex=(a|a)*b' });
    if (sub.status !== 201) return assertTmfError(sub, 'subscription refused');
    const r = await http(`${mock.url}${CARTS}`, 'POST', { description: 'a'.repeat(40) + '!' }, 'application/json', ANSWER_MS);
    assert.equal(r.status, 201);
    await healthy();
  });
});
