// The command line: global options, the list of commands, and usage errors as EtbErrors.
// main() never exits the process and never catches a command's error: bin.ts renders it.
import yargs, { type Argv } from 'yargs';
import { EtbError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import type { CommandSpec } from './command.js';
import type { CliIo, GlobalOptions, ReporterName } from './io.js';
import { benchCommand } from './commands/bench.js';
import { boardsCommand } from './commands/boards.js';
import { buildCommand } from './commands/build.js';
import { doctorCommand } from './commands/doctor.js';
import { flashCommand } from './commands/flash.js';
import { inspect } from './commands/inspect.js';
import { monitorCommand } from './commands/monitor.js';
import { portsCommand } from './commands/ports.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';

/** Every command, one file each in ./commands/. Adding a command is one line here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const commands: readonly CommandSpec<any>[] = [
  buildCommand, inspect, runCommand, benchCommand, flashCommand, monitorCommand, portsCommand, boardsCommand, doctorCommand, reportCommand,
];

const REPORTERS: readonly ReporterName[] = ['pretty', 'plain', 'json'];

function resolveGlobals(args: Record<string, unknown>, io: CliIo): GlobalOptions {
  const colorFlag = args['color'];
  const color = typeof colorFlag === 'boolean' ? colorFlag : io.isTty && io.env['NO_COLOR'] === undefined;
  return {
    verbose: args['verbose'] === true,
    quiet: args['quiet'] === true,
    reporter: (args['reporter'] as ReporterName | undefined) ?? 'pretty',
    color,
  };
}

export function buildParser(argv: readonly string[], io: CliIo): Argv<GlobalOptions> {
  let parser = yargs([...argv])
    .scriptName('etbuild')
    .usage('$0 <command> [options]\n\nBuild ExecuTorch .pte programs into ahead-of-time C firmware for microcontrollers.')
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Print more detail, and stack traces with errors', global: true })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only results and errors', global: true })
    .option('reporter', { choices: REPORTERS, default: 'pretty' as ReporterName, describe: 'Output style', global: true })
    .option('color', { type: 'boolean', describe: 'Colour the output (default: when stdout is a terminal)', global: true })
    .strict()
    .demandCommand(1, 'give a command: etbuild --help lists them')
    .recommendCommands()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new EtbError('ETB1001', message, { hints: ['`etbuild --help` lists the commands and their options'] });
    })
    .version(VERSION)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns ?? 100)) as unknown as Argv<GlobalOptions>;
  for (const spec of commands) {
    parser = parser.command(spec.command as string | string[], spec.describe, spec.builder, async (args: Record<string, unknown>) => {
      await spec.run({ ...args, ...resolveGlobals(args, io) }, io);
    });
  }
  return parser;
}

/** Runs the command line `argv` (without `node etbuild`). Help and version text go to io.stdout. */
export async function main(argv: readonly string[], io: CliIo): Promise<void> {
  let output = '';
  await buildParser(argv, io).parseAsync([...argv], {}, (_error, _args, text) => {
    output = text;
  });
  if (output !== '') io.stdout(`${output}\n`);
}
