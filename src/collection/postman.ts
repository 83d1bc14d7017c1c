/**
 * The Postman collection v2.1 and environment formats, as far as tmf-ctk writes and reads them
 * (https://schema.getpostman.com/json/collection/v2.1.0/collection.json).
 */
export const COLLECTION_SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface PostmanVariable {
  key: string;
  value?: unknown;
  type?: string;
  description?: string;
  disabled?: boolean;
}

export interface PostmanEvent {
  listen: 'prerequest' | 'test';
  script: { type?: string; exec: string[] | string };
}

export interface PostmanHeader {
  key: string;
  value: string;
  disabled?: boolean;
}

export interface PostmanRequest {
  method?: string;
  /** A string, or Postman's parsed form (`raw` is what it shows). */
  url?: string | { raw?: string };
  header?: PostmanHeader[];
  body?: { mode: 'raw'; raw: string; options?: { raw?: { language?: string } } } | Record<string, unknown>;
  description?: string;
}

export interface PostmanItem {
  id?: string;
  name?: string;
  description?: string;
  request?: PostmanRequest | string;
  event?: PostmanEvent[];
  /** Present on folders (item groups). */
  item?: PostmanItem[];
}

export interface PostmanCollection {
  info: { _postman_id?: string; name: string; description?: string; schema: string };
  item: PostmanItem[];
  event?: PostmanEvent[];
  variable?: PostmanVariable[];
}

export interface PostmanEnvironment {
  id?: string;
  name?: string;
  values: Array<{ key: string; value: unknown; enabled?: boolean; type?: string }>;
}

export const isFolder = (item: PostmanItem): boolean => Array.isArray(item.item);

export function variableOf(collection: PostmanCollection, key: string): unknown {
  return collection.variable?.find((v) => v.key === key)?.value;
}
