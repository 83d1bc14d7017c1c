/**
 * The body of a hub subscription. TMF630's is `{callback}`; the v5 documents' `Hub_FVO` extends `Extensible`,
 * whose `@type` is required, so a v5 subscription names its type (`Hub`) and a v4 one stays as it was.
 */
import type { ApiModel } from '../document/model.js';
import { flatten } from '../document/schema-walk.js';

export function hubSubscription(api: ApiModel): Record<string, unknown> {
  const schema = api.hub?.register.requestSchemaName;
  const body: Record<string, unknown> = { callback: '{{listener.url}}' };
  if (schema && flatten(api.definitions, schema).required.includes('@type')) body['@type'] = schema.replace(/_(Create|FVO|Input)$/, '');
  return body;
}
