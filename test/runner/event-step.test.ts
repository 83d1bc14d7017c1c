import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Listener } from '../../src/runner/listener.js';
import { runStep, type StepEnv } from '../../src/runner/step.js';
import type { Step } from '../../src/core/case-model.js';
import { schemasFor } from '../../src/schema/schema-set.js';
import { loadApi } from '../../src/document/load.js';

const account = loadApi('TMF666'); // the document's envelope key: payload
const cart = loadApi('TMF663'); // the document's envelope key: event

function receive(eventType: string, resourceId: string, expectNone = false): Step {
  return {
    name: 'receive', event: { eventType, resourceId, ...(expectNone ? { expectNone } : {}) }, expect: [],
    checks: expectNone ? [{ id: 'no-event' }] : [{ id: 'event-conformance', params: { eventType, resourceId } }],
  };
}

describe('event steps: the resource under either envelope key (event-envelope)', () => {
  let listener: Listener;
  before(async () => { listener = await Listener.start(); });
  after(() => listener.close());

  const env = (api: typeof account, strict = false): StepEnv => ({
    api, schemas: schemasFor(api), strict, listener, baseUrl: 'http://t', headers: {}, client: {} as StepEnv['client'],
    disabledChecks: new Set(), eventTimeoutMs: 2000, quietMs: 200,
  });
  const post = (body: unknown) => fetch(`${listener.url}/listener`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('TMF666 declares "payload": an event under TMF630\'s "event" is matched, passes with an advisory, fails in strict mode', async () => {
    const eventType = 'PartyAccountAttributeValueChangeEvent';
    const pending = runStep(receive(eventType, 'pa-1'), {}, env(account));
    const strictPending = runStep(receive(eventType, 'pa-1'), {}, env(account, true));
    await post({ eventId: 'e1', eventType, event: { partyAccount: { id: 'pa-1', name: 'n', relatedParty: [{ id: 'r', name: 'R', '@referredType': 'Individual' }] } } });
    const out = await pending;
    assert.equal(out.exchange?.error, undefined, 'the event was matched');
    const [check] = out.checks;
    assert.equal(check?.status, 'pass', check?.reason);
    assert.match(check?.advisory ?? '', /^\[event-envelope\] the resource came under "event"; the document's PartyAccountAttributeValueChangeEvent puts it under "payload"/);
    const strict = (await strictPending).checks[0];
    assert.equal(strict?.status, 'fail');
    assert.match(strict?.reason ?? '', /^strict: \[event-envelope\]/);
  });

  it('TMF663 declares "event": an event under "payload" is matched and passes with an advisory', async () => {
    const eventType = 'ShoppingCartCreateEvent';
    const pending = runStep(receive(eventType, 'sc-1'), {}, env(cart));
    await post({ eventId: 'e2', eventType, payload: { shoppingCart: { id: 'sc-1' } } });
    const [check] = (await pending).checks;
    assert.equal(check?.status, 'pass', check?.reason);
    assert.match(check?.advisory ?? '', /^\[event-envelope\] the resource came under "payload"; the document's ShoppingCartCreateEvent puts it under "event"/);
  });

  it('under the document\'s key: no advisory; after unsubscribing, an event under the other key is still an event', async () => {
    const eventType = 'ShoppingCartDeleteEvent';
    const pending = runStep(receive(eventType, 'sc-2'), {}, env(cart));
    await post({ eventId: 'e3', eventType, event: { shoppingCart: { id: 'sc-2' } } });
    const [check] = (await pending).checks;
    assert.equal(check?.status, 'pass', check?.reason);
    assert.equal(check?.advisory, undefined);
    await post({ eventId: 'e4', eventType, payload: { shoppingCart: { id: 'sc-3' } } });
    assert.equal((await runStep(receive(eventType, 'sc-3', true), {}, env(cart))).checks[0]?.status, 'fail');
  });
});
