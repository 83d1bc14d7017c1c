/**
 * `npm run bench`: each section measures its subjects side by side in one run and prints ratios.
 * `npm run bench -- spec` runs only the sections whose name contains "spec".
 */
import { sections } from './sections.js';

const only = process.argv.slice(2);
for (const s of sections) {
  if (only.length && !only.some((o) => s.name.includes(o))) continue;
  console.log(`\n## ${s.name}`);
  try {
    await s.run();
  } catch (e) {
    console.log(`  FAILED: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  }
}
