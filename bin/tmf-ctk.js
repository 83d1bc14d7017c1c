#!/usr/bin/env node
// Runs the kit: its compiled copy when there is one for these exact sources (bin/compiled.js builds it
// once), otherwise the TypeScript sources directly through tsx's loader.
import { compiledMain } from './compiled.js';

// A reader that stops early (`tmf-ctk apis | head -1`) is not an error: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function loadMain() {
  const compiled = compiledMain();
  if (compiled) return import(compiled);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

const { main } = await loadMain();
const code = await main(process.argv.slice(2));
process.exitCode = code;
// The command is done: whatever a library left open (a database connection stuck mid-authentication) must not
// keep the process alive. The timer does not hold it either: with nothing open, the process ends at once.
setTimeout(() => process.exit(code), 2000).unref();
