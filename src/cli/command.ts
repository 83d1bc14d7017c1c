/** What every command shares: its shape and the one way an error reaches the user. */
import { isCtkError } from '../errors.js';
import type { CliIO } from './io.js';

/** A command: parse its own arguments, call the library, return the exit code. No logic here. */
export interface Command {
  summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Prints an error in the documented `error [CODE]: message` / `hint:` form on stderr; returns its exit code. */
export function reportError(e: unknown, io: CliIO): number {
  if (isCtkError(e)) {
    io.err(`error [${e.code}]: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
    return e.exitCode;
  }
  io.err(`error [INTERNAL]: ${(e as Error)?.stack ?? String(e)}`);
  return 2;
}
