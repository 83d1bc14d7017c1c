/**
 * Bundles the sandbox library (sandbox/lib.ts with the shared checks, templates, request builder and the ajv
 * SchemaSet) into one script for the collection variable `ctk.lib`. Built with esbuild (already here as tsx's
 * compiler) when a collection is exported, so the scripts in a collection are always the code of this
 * checkout: there is no second copy of the rules to keep in step.
 */
import { fileURLToPath } from 'node:url';

const GLOBAL_NAME = 'tmfCtkLibrary';
let cached: Promise<string> | undefined;

/** `import.meta.url` ends in .ts under tsx and in .js once compiled: bundle the sibling of the same kind. */
function sibling(relative: string): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return fileURLToPath(new URL(`${relative}${ext}`, import.meta.url));
}

async function build(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [sibling('./sandbox/lib')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: GLOBAL_NAME,
    // A bare V8 context: no node built-ins; ajv and friends ship CommonJS under `main`.
    platform: 'neutral',
    mainFields: ['main', 'module'],
    target: 'es2020',
    // The sandbox has no URL, URLSearchParams or structuredClone: references to them use the shims.
    inject: [sibling('./sandbox/url')],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild produced no output for the sandbox library');
  // `eval` of the script yields its last expression: the library object.
  return `${code}\n${GLOBAL_NAME};`;
}

/** The bundled library (built once per process). */
export function sandboxLibrary(): Promise<string> {
  cached ??= build().catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
