import type { Kind, RawCase } from './helpers.js';

/**
 * The malformed-input corpus: requests a broken or hostile client sends. Each one must be answered
 * with a TMF 4xx Error (`status` when one status is right) and leave the mock serving.
 */
export interface Case extends RawCase {
  /** The one right status, when there is one. */
  status?: number;
}

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const MiB = 1024 * 1024;

/** Nested arrays and objects far deeper than any payload (100k levels: a recursive parser would overflow). */
export const DEEP_ARRAYS = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const deepObjects = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

/** Byte sequences that are not UTF-8: lone continuation, overlong '/', UTF-16 surrogate, truncated sequence. */
const INVALID_UTF8 = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xff, 0xfe]];

function invalidUtf8(bytes: number[]): Buffer {
  return Buffer.concat([Buffer.from('{"description":"'), Buffer.from(bytes), Buffer.from('"}')]);
}

/** `__proto__`, `constructor` and `prototype` as keys, at the top and nested, as JSON text (an object literal would not keep them). */
export const PROTO_BODIES = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"description":"x","relatedParty":[{"id":"1","__proto__":{"polluted":"yes"}}]}',
  '{"note":[{"text":"x","constructor":{"prototype":{"polluted":"yes"}}}]}',
  '{"a":{"b":{"c":{"__proto__":{"polluted":"yes"}}}}}',
  '{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":"yes"}}',
];

const JSON_PATCH_BODIES = [
  [{ op: 'add', path: '/__proto__/polluted', value: 'yes' }],
  [{ op: 'add', path: '/constructor/prototype/polluted', value: 'yes' }],
  [{ op: 'replace', path: '/description/__proto__', value: 'yes' }],
  [{ op: 'copy', from: '/__proto__', path: '/description' }],
  [{ op: 'move', from: '/constructor', path: '/description' }],
  [{ op: 'add', path: '/~1__proto__~1polluted', value: 'yes' }],
  [{ op: 'frobnicate', path: '/description', value: 'x' }],
  [{ op: 'add', path: 'description', value: 'x' }],
  [{ op: 'remove', path: '/no/such/path' }],
  [{ op: 'test', path: '/id', value: 'not-this-id' }],
  { op: 'add', path: '/description', value: 'x' },
  Array.from({ length: 20_000 }, () => ({ op: 'add', path: '/nope/-', value: 1 })),
];

/** Valid create text with one attribute given a value of the wrong JSON type. */
function wrongTypes(kind: Kind): string[] {
  return Object.entries(kind.create).map(([k, v]) => {
    const wrong = typeof v === 'string' ? 42 : Array.isArray(v) ? 'not an array' : typeof v === 'object' ? [1, 2] : 'not a number';
    return JSON.stringify({ ...kind.create, [k]: wrong });
  });
}

/** Bodies a create and a merge patch must refuse. */
function badBodies(kind: Kind): Array<[string, string | Buffer, number?]> {
  const valid = JSON.stringify(kind.create);
  // An array attribute of this resource, so a huge array of numbers is a type error, not an unknown attribute.
  const list = Object.keys(kind.create).find((k) => Array.isArray(kind.create[k])) ?? 'relatedParty';
  return [
    ['truncated JSON', valid.slice(0, Math.floor(valid.length / 2)), 400],
    ['trailing garbage', `${valid}}`, 400],
    ['NaN', '{"description": NaN}', 400],
    ['single quotes', "{'description': 'x'}", 400],
    ['JSON array', '[]', 400],
    ['JSON string', '"x"', 400],
    ['JSON number', '1e309', 400],
    ['JSON null', 'null', 400],
    ['100k nested arrays', DEEP_ARRAYS, 400],
    ['20k nested objects', deepObjects(20_000), 400],
    ['200k numbers in an array (within the body limit)', `{"${list}":[${Array.from({ length: 200_000 }, () => '1').join(',')}]}`, 400],
    ['9000 numbers in an array', `{"${list}":[${Array.from({ length: 9000 }, () => '1').join(',')}]}`, 400],
    ['huge string (beyond the limit)', JSON.stringify({ description: 'x'.repeat(MiB + 10) }), 413],
    ['huge array (beyond the limit)', `{"${list}":[${Array.from({ length: 300_000 }, () => '{"id":"1"}').join(',')}]}`, 413],
    ...PROTO_BODIES.map((b, i): [string, string, number] => [`prototype keys #${i + 1}`, b, 400]),
    ...INVALID_UTF8.map((b): [string, Buffer, number] => [`invalid UTF-8 ${Buffer.from(b).toString('hex')}`, invalidUtf8(b), 400]),
    ...wrongTypes(kind).map((b, i): [string, string, number] => [`wrong type #${i + 1}`, b, 400]),
  ];
}

const CONTENT_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json'];

const QUERIES = [
  'limit=-1', 'limit=abc', 'limit=1e309', 'limit=99999999999999999999', 'limit=1.5', 'limit=', 'offset=1e309', 'offset=-1', 'offset=0x10',
  'fields=', 'fields=,,,', 'fields=__proto__', 'fields=constructor.prototype', 'sort=__proto__', 'sort=-constructor', 'sort=a..b',
  '__proto__=1', '__proto__.polluted=yes', 'constructor.prototype.polluted=yes', 'a[__proto__]=1', 'description[nope]=x',
  `description=${'x'.repeat(8000)}`, `${'k'.repeat(8000)}=1`,
];

/** The corpus for one resource: `id` is an existing resource of it. */
export function corpusFor(kind: Kind, id: string): Case[] {
  const coll = kind.path;
  const item = `${coll}/${id}`;
  const cases: Case[] = [];
  for (const [name, body, status] of badBodies(kind)) {
    cases.push({ name: `POST ${name}`, method: 'POST', path: coll, body, contentType: 'application/json', status });
    cases.push({ name: `PATCH ${name}`, method: 'PATCH', path: item, body, contentType: MERGE, status });
  }
  const patches = [...JSON_PATCH_BODIES.map((ops) => JSON.stringify(ops)), '[{"op":"add","path":"/description","value":{"__proto__":{"polluted":"yes"}}}]'];
  for (const ops of patches) cases.push({ name: `JSON Patch ${ops.slice(0, 70)}`, method: 'PATCH', path: item, body: ops, contentType: JSON_PATCH, status: 400 });
  cases.push({ name: 'PATCH id', method: 'PATCH', path: item, body: '{"id":"other"}', contentType: MERGE, status: 400 });
  for (const ct of CONTENT_TYPES) {
    cases.push({ name: `POST as ${ct}`, method: 'POST', path: coll, body: JSON.stringify(kind.create), contentType: ct, status: 415 });
    cases.push({ name: `PATCH as ${ct}`, method: 'PATCH', path: item, body: '{"description":"x"}', contentType: ct, status: 415 });
  }
  cases.push({ name: 'UTF-16 body', method: 'POST', path: coll, body: Buffer.from(JSON.stringify(kind.create), 'utf16le'), contentType: 'application/json; charset=utf-16' });
  for (const q of QUERIES) cases.push({ name: `GET ?${q.slice(0, 40)}`, method: 'GET', path: `${coll}?${q}`, status: 400 });
  for (const [name, p] of [['..%2f traversal', '..%2f..%2f..%2fetc%2fpasswd'], ['..%5c traversal', '..%5c..%5cwindows'], ['NUL id', 'a%00b'], ['huge id', 'x'.repeat(8000)], ['unicode id', '%F0%9F%92%A9']]) {
    cases.push({ name: `GET ${name}`, method: 'GET', path: `${coll}/${p}`, status: 404 });
    cases.push({ name: `DELETE ${name}`, method: 'DELETE', path: `${coll}/${p}`, status: 404 });
  }
  cases.push({ name: 'GET undecodable id', method: 'GET', path: `${coll}/%E0%A4%A`, status: 400 });
  for (const m of ['PUT', 'PROPFIND', 'TRACE', 'PURGE']) cases.push({ name: `${m} on the item`, method: m, path: item });
  cases.push({ name: 'DELETE the collection', method: 'DELETE', path: coll, status: 405 });
  return cases;
}
