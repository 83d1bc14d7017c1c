/**
 * What a TM Forum v4 kit's `ctk/index.js` does, read from its text (never executed: a kit is untrusted code).
 * Every v4 kit's index.js is the same script with different names in it:
 *
 *   config = JSON.parse(fs.readFileSync('../config.json'))            → where the configuration is
 *   var pmCollection = require('./CTK-Shopping_Cart-4.0.0.postman_collection.json')   → the collection
 *   …['request']['header'] = headers                                   → every request's headers replaced
 *   var schema = require('./schemas/'+resource+'.schema.json')         → the payload schemas
 *   if (resource == "ShoppingCart") { pmCollection['item'][0]['item'][0]['request']['body']['raw'] = … }
 *                                                                      → where each payload goes
 *   var environmentFile = "TMFENV-V4.0.0.postman_environment.json"     → the environment
 *   if (element.key == "Shopping_Cart") { element.value = config['url'] }   → the base URL variable
 *
 * Paths in index.js are relative to its folder (`ctk/`); the recipe holds them relative to the kit root.
 */
import { CtkError } from '../errors.js';
import { findPath, normalizeKitPath, type KitFiles } from './kit-files.js';

export interface PayloadSlot {
  /** The resource name index.js compares with (`ShoppingCart`). */
  resource: string;
  /** Item indexes from the collection's top level: [0, 0] is `pmCollection['item'][0]['item'][0]`. */
  items: number[];
}

export interface KitRecipe {
  indexFile: string;
  configFile: string;
  collectionFile: string;
  environmentFile: string;
  /** The environment variable index.js sets to config.url (`Shopping_Cart`). */
  baseUrlVariable: string;
  /** `ctk/schemas/` + resource + `.schema.json`. */
  schema: { dir: string; suffix: string };
  slots: PayloadSlot[];
}

const STRING = `['"]([^'"\\n]{1,300})['"]`;

function kitPath(indexDir: string, relativePath: string): string {
  return normalizeKitPath(`${indexDir}/${relativePath}`) ?? relativePath;
}

function need(index: string, what: string, re: RegExp, file: string): string {
  const m = re.exec(index);
  if (!m) throw new CtkError('INPUT_READ', `${file} does not say ${what} (it is not a TM Forum v4 kit's index.js)`, {
    hint: 'tmf-ctk run --ctk reads kits in the layout of TM Forum\'s v4 kits; run any other Postman collection with --collection',
  });
  return m[1]!;
}

/** `if (resource == "X") { pmCollection['item'][0]['item'][0]['request']['body']['raw'] = … }`, every one. */
export function payloadSlots(index: string): PayloadSlot[] {
  const slots: PayloadSlot[] = [];
  const block = new RegExp(`if\\s*\\(\\s*resource\\s*===?\\s*${STRING}\\s*\\)\\s*\\{([^}]*)\\}`, 'g');
  for (const m of index.matchAll(block)) {
    const target = /pmCollection((?:\s*\[\s*['"]item['"]\s*\]\s*\[\s*\d+\s*\])+)\s*\[\s*['"]request['"]\s*\]\s*\[\s*['"]body['"]\s*\]\s*\[\s*['"]raw['"]\s*\]\s*=/.exec(m[2]!);
    if (!target) continue;
    const items = [...target[1]!.matchAll(/\[\s*(\d+)\s*\]/g)].map((n) => Number(n[1]));
    if (!slots.some((s) => s.resource === m[1] && s.items.join() === items.join())) slots.push({ resource: m[1]!, items });
  }
  return slots;
}

/** Reads the recipe of a kit; INPUT_READ when the kit has no index.js or it does not say what is needed. */
export function readRecipe(kit: KitFiles): KitRecipe {
  const found = findPath(kit, 'ctk/index.js') ?? (kit.paths.filter((p) => /(^|\/)index\.js$/i.test(p)).length === 1 ? { path: kit.paths.find((p) => /(^|\/)index\.js$/i.test(p))! } : undefined);
  if (!found) throw new CtkError('INPUT_READ', `${kit.name} has no ctk/index.js: it is not a TM Forum v4 kit`);
  const file = found.path;
  const index = kit.read(file)!;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
  const config = /['"]((?:\.{1,2}\/)*config\.json)['"]/.exec(index)?.[1] ?? '../config.json';
  const schemaRe = new RegExp(`require\\(\\s*${STRING}\\s*\\+\\s*resource\\s*\\+\\s*${STRING}\\s*\\)`);
  const schema = schemaRe.exec(index);
  return {
    indexFile: file,
    configFile: kitPath(dir, config),
    collectionFile: kitPath(dir, need(index, 'which collection it runs', new RegExp(`pmCollection\\s*=\\s*require\\(\\s*${STRING}\\s*\\)`), file)),
    environmentFile: kitPath(dir, need(index, 'which environment it uses', new RegExp(`environmentFile\\s*=\\s*${STRING}`), file)),
    baseUrlVariable: need(index, 'which variable holds the base URL', new RegExp(`element\\.key\\s*===?\\s*${STRING}`), file),
    schema: schema ? { dir: kitPath(dir, schema[1]!), suffix: schema[2]! } : { dir: kitPath(dir, './schemas/'), suffix: '.schema.json' },
    slots: payloadSlots(index),
  };
}
