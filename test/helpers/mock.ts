import { after, before } from 'node:test';
import { createMockServer } from '../../src/composition.js';
import type { MockServer } from '../../src/mock/server.js';
import type { MockServerOptions } from '../../src/mock/options.js';

/** A quiet mock for the enclosing describe: started before its tests, closed after; `url` and `mock` are set once started. */
export function mockForSuite(o: MockServerOptions = {}): { mock: MockServer; url: string } {
  const state = {} as { mock: MockServer; url: string };
  before(async () => {
    state.mock = createMockServer({ log: () => undefined, ...o });
    state.url = await state.mock.listen();
  });
  after(() => state.mock.close());
  return state;
}
