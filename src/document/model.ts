/**
 * The one operation model. Loaders turn Swagger 2.0 and OpenAPI 3.0 documents into this shape;
 * the mock, the runner, the checks and the exporters read only this, never the raw document.
 */
export type JsonSchema = Record<string, unknown>;
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
export type SpecFormat = 'swagger2' | 'openapi3';

/** A registry entry: what the project knows about a document without reading it. */
export interface ApiEntry {
  id: string; // TMF663
  title: string;
  version: string; // 4.0.0
  default: boolean; // the certified version of this id
  /** A document with no hand-written suite (specs/more/): its suite and mock data are generated from it. */
  generic?: boolean;
  format: SpecFormat;
  file: string; // path relative to a specs directory
  basePath: string; // published base path, no trailing slash
  sha256: string;
  source: { repository: string; commit: string; path: string; url: string };
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'body' | 'formData' | 'cookie';
  required: boolean;
  type?: string;
  schema?: JsonSchema;
}

export interface ResponseModel {
  status: string; // "200", "201", "default"
  /** Definition name when the response body is `$ref` to a definition, or `X[]` for arrays of one. */
  schemaName?: string;
  isArray: boolean;
  schema?: JsonSchema;
  headers: string[];
}

export type OperationKind =
  | 'list' | 'create' | 'retrieve' | 'patch' | 'delete' | 'replace'
  | 'hubRegister' | 'hubUnregister' | 'listener' | 'other';

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** Path as in the document, relative to the base path: `/shoppingCart/{id}`. */
  path: string;
  /** basePath + path, joined without `//`. */
  fullPath: string;
  kind: OperationKind;
  /** Resource name (`shoppingCart`) for resource operations. */
  resource?: string;
  parameters: Parameter[];
  /** Definition name of the request body (`ShoppingCart_Create`). */
  requestSchemaName?: string;
  requestSchema?: JsonSchema;
  /** Content types the document declares for the request; empty when it declares none. */
  consumes: string[];
  produces: string[];
  responses: Record<string, ResponseModel>;
}

export type EventKind = 'create' | 'attributeValueChange' | 'stateChange' | 'delete' | 'informationRequired' | 'other';

export interface EventModel {
  /** `ShoppingCartCreateEvent` */
  eventType: string;
  resource: string;
  kind: EventKind;
  /** Definition name of the event (`ShoppingCartCreateEvent`). */
  schemaName: string;
  /** Key of the envelope holding the resource: `event` (most v4 documents) or `payload` (TMF666 v4). */
  envelopeKey: string;
  /** Key inside the envelope holding the resource (`shoppingCart`). */
  payloadKey: string;
  /** Listener path in the document (`/listener/shoppingCartCreateEvent`). */
  listenerPath?: string;
  /** v5: the `@type` the event (an Extensible) must carry, and the one its envelope object must carry; absent in v4. */
  eventTypeValue?: string;
  envelopeTypeValue?: string;
}

export interface ResourceModel {
  /** `shoppingCart` — the collection path segment. */
  name: string;
  /** `ShoppingCart` — the entity definition. */
  schemaName: string;
  createSchemaName?: string;
  updateSchemaName?: string;
  collectionPath: string; // relative: /shoppingCart
  itemPath: string; // relative: /shoppingCart/{id}
  operations: Partial<Record<'list' | 'create' | 'retrieve' | 'patch' | 'delete' | 'replace', Operation>>;
  events: EventModel[];
  /** Attributes the entity schema requires (may be stricter in a conformance profile). */
  required: string[];
  /** Attributes the create schema requires. */
  createRequired: string[];
  /** Attributes patchable per the update schema's properties. */
  patchable: string[];
}

/** A spec flaw the loader worked around, named so reports and `tmf-ctk apis` can show it. */
export interface Quirk {
  id: string;
  where: string;
  detail: string;
}

export interface ApiModel {
  entry: ApiEntry;
  id: string;
  version: string;
  title: string;
  format: SpecFormat;
  /** Published base path: `/tmf-api/shoppingCart/v4` (no trailing slash). */
  basePath: string;
  /** Where the document was found. */
  documentPath: string;
  /** sha256 (hex) of the document as read: the evidence of which text the run was judged against. */
  documentSha256: string;
  /** The document as published (never modified): served by the mock at `<basePath>/api-docs`. */
  document: Record<string, unknown>;
  /** Normalized schema definitions by name (copies; flaws handled). */
  definitions: Record<string, JsonSchema>;
  operations: Operation[];
  resources: ResourceModel[];
  events: EventModel[];
  hub?: { register: Operation; unregister?: Operation };
  /** Media type the document declares for responses (`application/json;charset=utf-8`). */
  mediaType: string;
  quirks: Quirk[];
}
