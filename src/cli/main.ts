import { reportError, type Command } from './command.js';
import { processIO, type CliIO } from './io.js';


type Loader = () => Promise<{ command: Command }>;

/** The command table. Each command lives in its own file and is loaded only when used. */
const COMMANDS: Record<string, Loader> = {
  apis: () => import('./apis.js'),
  validate: () => import('./validate.js'),
  specs: () => import('./specs.js'),
  mock: () => import('./mock.js'),
  report: () => import('./report.js'),
  run: () => import('./run.js'),
  export: () => import('./export.js'),
  selftest: () => import('./selftest.js'),
  proxy: () => import('./proxy.js'),
};

/** Registers a command (tests and later modules); the table above is the built-in set. */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

async function usage(io: CliIO): Promise<void> {
  const lines = ['Usage: tmf-ctk <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { command } = await load();
    lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  lines.push('', 'Run "tmf-ctk <command> --help" for the options of a command.');
  io.out(lines.join('\n'));
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await usage(io);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { toolVersion } = await import('../version.js');
    io.out(toolVersion());
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`error [USAGE]: unknown command "${name}"\nhint: commands are ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  try {
    const { command } = await load();
    return await command.run(rest, io);
  } catch (e) {
    return reportError(e, io);
  }
}
