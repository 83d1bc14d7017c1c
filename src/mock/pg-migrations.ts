/**
 * The PostgreSQL schema of the mock, as numbered migrations: an instance applies those the database
 * lacks (under an advisory lock, so instances starting together do not race) and refuses a database
 * whose schema is newer than it knows. Append new migrations; never edit an applied one.
 */
export interface Migration {
  version: number;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE tmf_ctk_resources (
        collection text NOT NULL,
        id text NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        version integer NOT NULL DEFAULT 1,
        body jsonb NOT NULL,
        PRIMARY KEY (collection, id)
      );
      -- Creation order: the default order of a list, and its paging.
      CREATE INDEX tmf_ctk_resources_order ON tmf_ctk_resources (collection, seq);
      -- Attribute filters (jsonpath @?) on any attribute, as TMF630 allows.
      CREATE INDEX tmf_ctk_resources_body ON tmf_ctk_resources USING gin (body jsonb_path_ops);
      CREATE TABLE tmf_ctk_meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE tmf_ctk_outbox (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        api_id text NOT NULL,
        hub text NOT NULL,
        media_type text NOT NULL,
        event_id text NOT NULL,
        body text NOT NULL,
        lease_until timestamptz NOT NULL DEFAULT '-infinity',
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tmf_ctk_outbox_due ON tmf_ctk_outbox (lease_until, seq);`,
  },
  {
    version: 2,
    // The resource without id and href as the process serialized it when writing it (restText in
    // store.ts): GET by id answers it with id and href put in front, with no JSONB parse and no
    // serialization per request, and other reads parse it rather than the body (so attributes keep
    // the order they were written in). NULL (rows written before version 2) means read the body.
    // Every write sets both columns in one statement.
    sql: 'ALTER TABLE tmf_ctk_resources ADD COLUMN doc text',
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
