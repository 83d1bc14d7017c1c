/**
 * A TM Forum CTK kit as a read-only set of files: a folder, or its `.zip` (files at the zip's root or under one
 * top-level folder, as TM Forum ships them). Nothing is extracted to disk and nothing in the kit is executed:
 * tmf-ctk reads `ctk/index.js` as text (kit-recipe.ts) and runs only the Postman collection, through newman.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import AdmZip from 'adm-zip';
import { CtkError } from '../errors.js';

/** Caps for untrusted kits: the real ones are under 2 MB with conformance PDFs, their JSON under 1 MB. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_TOTAL_BYTES = 128 * 1024 * 1024;
const MAX_FILES = 2000;
/** Only these are read: the recipe, configuration, collections, environments and schemas. */
const WANTED = /\.(js|json)$/i;

export interface KitFiles {
  /** The kit's file or folder name, as given (`TMF663-ShoppingCart_v4.0.0.zip`). */
  name: string;
  /** Paths relative to the kit root, `/`-separated. */
  paths: string[];
  read(path: string): string | undefined;
  /** sha256 (hex) of a file's bytes as read, for the run's evidence. */
  sha256(path: string): string | undefined;
  /** Set for a zip: the sha256 of the archive's bytes (which covers every file in it). */
  archiveSha256?: string;
}

interface KitFile {
  text: string;
  sha256: string;
}

const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const kitFile = (data: Buffer): KitFile => ({ text: data.toString('utf8'), sha256: sha256Of(data) });

/** `a/./b/../c` → `a/c`; undefined when the path leaves the kit. */
export function normalizeKitPath(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

/** Finds `path` in the kit, the file name matched ignoring case when no exact match exists. */
export function findPath(kit: Pick<KitFiles, 'paths'>, path: string): { path: string; exact: boolean } | undefined {
  const wanted = normalizeKitPath(path);
  if (wanted === undefined) return undefined;
  if (kit.paths.includes(wanted)) return { path: wanted, exact: true };
  const lower = wanted.toLowerCase();
  const hit = kit.paths.find((p) => p.toLowerCase() === lower);
  return hit ? { path: hit, exact: false } : undefined;
}

/** Drops one top-level folder shared by every file (how TM Forum zips its kits). */
function rooted(files: Map<string, KitFile>): Map<string, KitFile> {
  const tops = new Set([...files.keys()].map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  if (tops.size !== 1 || tops.has('')) return files;
  const top = [...tops][0]!;
  return new Map([...files].map(([p, text]) => [p.slice(top.length + 1), text]));
}

function fromMap(name: string, files: Map<string, KitFile>, archiveSha256?: string): KitFiles {
  const root = rooted(files);
  return { name, paths: [...root.keys()].sort(), read: (p) => root.get(p)?.text, sha256: (p) => root.get(p)?.sha256, ...(archiveSha256 ? { archiveSha256 } : {}) };
}

function zipFiles(file: string, data: Buffer): Map<string, KitFile> {
  let zip: AdmZip;
  try {
    zip = new AdmZip(data);
  } catch (e) {
    throw new CtkError('INPUT_READ', `${file} is not a zip archive: ${(e as Error).message}`);
  }
  const files = new Map<string, KitFile>();
  let total = 0;
  const entries = zip.getEntries().filter((e) => !e.isDirectory && !/(^|\/)(__MACOSX|\.)/.test(e.entryName));
  if (entries.length > MAX_FILES) throw new CtkError('INPUT_READ', `${file} holds ${entries.length} files (at most ${MAX_FILES})`);
  for (const e of entries) {
    const path = normalizeKitPath(e.entryName);
    if (path === undefined || !WANTED.test(path)) continue;
    if (e.header.size > MAX_FILE_BYTES || (total += e.header.size) > MAX_TOTAL_BYTES) throw new CtkError('INPUT_READ', `${file} is larger than a kit (${e.entryName})`);
    const body = e.getData();
    if (body.length > MAX_FILE_BYTES) throw new CtkError('INPUT_READ', `${file}: ${e.entryName} is larger than ${MAX_FILE_BYTES} bytes`);
    files.set(path, kitFile(body));
  }
  return files;
}

/** The kit's wanted files; node_modules (a kit someone ran `npm install` in) and dot folders are not walked. */
async function folderFiles(root: string): Promise<Map<string, KitFile>> {
  const files = new Map<string, KitFile>();
  let total = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = join(dir, e.name);
      if (e.isDirectory() && depth < 4) await walk(full, depth + 1);
      if (!e.isFile() || !WANTED.test(e.name)) continue;
      const size = (await stat(full)).size;
      if (size > MAX_FILE_BYTES || (total += size) > MAX_TOTAL_BYTES || files.size >= MAX_FILES) throw new CtkError('INPUT_READ', `${root} is larger than a kit (${full})`);
      files.set(relative(root, full).split(sep).join('/'), kitFile(await readFile(full)));
    }
  };
  await walk(root, 0);
  return files;
}

/** Opens a kit folder or zip; INPUT_READ when it cannot be read. */
export async function openKit(path: string): Promise<KitFiles> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (cause) {
    throw new CtkError('INPUT_READ', `cannot read the kit ${path}: ${(cause as Error).message}`, { cause });
  }
  if (isDir) return fromMap(basename(path), await folderFiles(path));
  const data = await readFile(path);
  if (data.length > MAX_TOTAL_BYTES) throw new CtkError('INPUT_READ', `${path} is larger than a kit`);
  return fromMap(basename(path), zipFiles(path, data), sha256Of(data));
}
