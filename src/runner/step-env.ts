/** What a step runs with: the API, its validators, the client and the run's switches. */
import type { ApiModel } from '../document/model.js';
import type { SchemaSet } from '../schema/schema-set.js';
import type { ClientOptions } from './http-client.js';
import type { Listener } from './listener.js';
import type { RequestEnv } from './request.js';

/** A bearer token source (OAuth2): the current `Authorization` value, and a new one after a 401. */
export interface AuthSource {
  authorization(): Promise<string>;
  refresh(): Promise<string>;
}

export interface StepEnv extends RequestEnv {
  auth?: AuthSource;
  api: ApiModel;
  schemas: SchemaSet;
  client: ClientOptions;
  strict: boolean;
  disabledChecks: ReadonlySet<string>;
  listener?: Listener;
  eventTimeoutMs: number;
  quietMs: number;
}
