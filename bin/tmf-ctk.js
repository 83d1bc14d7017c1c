#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step): tsx registers its loader, then the CLI starts.
import { register } from 'tsx/esm/api';

// A reader that stops early (`tmf-ctk apis | head -1`) is not an error: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
