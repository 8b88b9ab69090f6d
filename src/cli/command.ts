// The shape of one command file in src/cli/commands/: its yargs declaration plus a `run` that
// receives the parsed arguments (with the global options) and the I/O to print through.
import type { Argv } from 'yargs';
import type { CliIo, GlobalOptions } from './io.js';

export interface CommandSpec<Args> {
  /** yargs command string, e.g. `inspect <model>` (several for aliases, `$0` for the default command). */
  readonly command: string | readonly string[];
  readonly describe: string;
  readonly builder: (yargs: Argv<GlobalOptions>) => Argv<Args>;
  readonly run: (args: Args & GlobalOptions, io: CliIo) => Promise<void> | void;
}

/** Identity helper that lets TypeScript infer `Args` from the builder. */
export function defineCommand<Args>(spec: CommandSpec<Args>): CommandSpec<Args> {
  return spec;
}
