/**
 * The part of Postman's `pm` scripting object the tmf-ctk scripts use (postman-sandbox 4.x, newman 6):
 * declared here because the sandbox library is bundled without Postman's own typings.
 */
export interface PmHeaderList {
  toObject(excludeDisabled?: boolean, caseSensitive?: boolean): Record<string, string>;
  upsert(header: { key: string; value: string }): void;
}

export interface PmVariableScope {
  get(key: string): unknown;
  set(key: string, value: string): void;
  unset(key: string): void;
}

export interface PmTest {
  (name: string, fn: () => void): void;
  skip(name: string, fn?: () => void): void;
}

export interface Pm {
  /** The collection's variables: where captures are stored. */
  collectionVariables: PmVariableScope;
  /** Every scope resolved (local, data, environment, collection, globals): `baseUrl`, `ctk.headers`. */
  variables: { get(key: string): unknown };
  request: {
    url: { update(url: string): void };
    headers: PmHeaderList;
    body?: { update(body: string): void };
  };
  /** In a test script; `code` is undefined when the request failed below HTTP. */
  response: {
    code?: number;
    responseTime?: number;
    headers: PmHeaderList;
    text(): string;
  };
  test: PmTest;
  info: { requestId: string; requestName: string };
  execution: { skipRequest(): void; setNextRequest(idOrName: string | null): void };
}
