// The kit runs its TypeScript sources. Compiling them on every start (tsx) costs about a quarter of a
// second before the first line of the kit runs, so the sources are also compiled once, file by file with
// esbuild, into dist/<fingerprint>/ beside them: the fingerprint is the sha256 of the sources themselves,
// so an edited checkout never runs stale code (it compiles again), and two processes never share a
// half-written tree (each builds in a folder of its own and renames it into place). `npm pack` ships the
// compiled tree. TMF_CTK_NO_CACHE=1, or any failure here, runs the sources through tsx as before.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'suites', 'mocks'];
const DIST = join(ROOT, 'dist');
/** A tree not started from for this long is removed when another is built (a running process keeps its own). */
const STALE_MS = 24 * 3600_000;

function files(top) {
  const dir = join(ROOT, top);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(top, f))
    .filter((f) => statSync(join(ROOT, f)).isFile())
    .sort();
}

/** sha256 of every source file (name and content) and of this compiler: what the compiled tree is made of. */
export function fingerprint() {
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const f of SOURCES.flatMap(files)) hash.update(f).update('\0').update(readFileSync(join(ROOT, f)));
  return hash.digest('hex').slice(0, 16);
}

export function disabled(env = process.env) {
  return /^(1|true|yes)$/i.test(env.TMF_CTK_NO_CACHE ?? '');
}

/** Compiles every .ts file to .js (same path under the target) and copies the other files (templates, seeds). */
function compileInto(target) {
  const esbuild = createRequire(import.meta.url)('esbuild');
  const all = SOURCES.flatMap(files);
  const ts = all.filter((f) => f.endsWith('.ts'));
  esbuild.buildSync({
    entryPoints: ts.map((f) => join(ROOT, f)), outbase: ROOT, outdir: target, bundle: false,
    format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent',
  });
  for (const f of all.filter((x) => !x.endsWith('.ts'))) cpSync(join(ROOT, f), join(target, f));
}

/**
 * Removes compiled trees of earlier sources: those no process has started from for a day (one still
 * running loads its commands lazily from its own tree), or all of them (`--only`, before npm pack: the
 * package ships one tree).
 */
function prune(keep, all = false) {
  for (const name of readdirSync(DIST)) {
    const dir = join(DIST, name);
    if (name === keep) continue;
    try {
      if (all || Date.now() - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}

/** Builds dist/<fingerprint> unless it is there; returns its path. Throws if it cannot. */
export function build(fp = fingerprint()) {
  const done = join(DIST, fp);
  if (existsSync(join(done, '.complete'))) {
    try {
      const now = new Date();
      utimesSync(done, now, now); // last started from: what prune() goes by
    } catch {
      // A read-only install: nothing is ever pruned there.
    }
    return done;
  }
  mkdirSync(DIST, { recursive: true });
  const work = join(DIST, `.tmp-${process.pid}-${Date.now()}`);
  try {
    compileInto(work);
    writeFileSync(join(work, '.complete'), `${fp}\n`);
    try {
      renameSync(work, done);
    } catch (e) {
      if (!existsSync(join(done, '.complete'))) throw e; // another process put the same tree in place first
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  prune(fp);
  return done;
}

/** The compiled CLI entry (building it if needed), or undefined to run the sources through tsx. */
export function compiledMain(env = process.env) {
  if (disabled(env)) return undefined;
  try {
    return join(build(), 'src', 'cli', 'main.js');
  } catch {
    return undefined;
  }
}

// `node bin/compiled.js [--only]` (npm run build, prepack): build now, say where; --only keeps no other tree.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fp = fingerprint();
  const dir = build(fp);
  if (process.argv.includes('--only')) prune(fp, true);
  console.log(relative(process.cwd(), dir) || '.');
}
