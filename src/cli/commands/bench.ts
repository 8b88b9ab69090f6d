// `etbuild bench [MODEL -b BOARD | -d DIR] (--qemu | -p PORT) [-n N] [--warmup N] [--json]`:
// builds MODEL in bench mode (or takes a bench build folder), runs warm-up and N timed runs on
// the board or in QEMU, and prints the count per inference and per kernel call. The result is
// also saved as bench.json in the build folder, where the build report finds it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EtbError } from '../../core/errors.js';
import { renderBenchTable } from '../../bench/render.js';
import { renderBenchJson } from '../../bench/report.js';
import { BENCH_ERROR_CODES, benchBuild, type BenchConnection } from '../../bench/run.js';
import { build } from '../../pipeline.js';
import { defineCommand } from '../command.js';
import { progress } from '../progress.js';
import { defaultBuildDir } from './build.js';
import { lastBuildDir } from './last-build.js';

export const benchCommand = defineCommand({
  command: 'bench [model]',
  describe: 'Benchmark a model on a board (-p PORT) or in QEMU (--qemu): counts per inference and per operator',
  builder: (y) => y
    .positional('model', { type: 'string', describe: 'the .pte program (built in bench mode first); without it, -d DIR or the last build' })
    .option('board', { alias: 'b', type: 'string', default: 'stm32f4', describe: 'board id or board .json file (with MODEL)' })
    .option('dir', { alias: 'd', type: 'string', describe: 'build folder (with MODEL: where to build; default build/<model>-<board>)' })
    .option('qemu', { type: 'boolean', default: false, describe: 'run in QEMU, through a pty (counts are instructions, not cycles)' })
    .option('port', { alias: 'p', type: 'string', describe: 'serial port of the board, e.g. /dev/ttyACM0 (flash the bench build first)' })
    .option('baud', { type: 'number', describe: 'baud rate of the port (default: the board\'s console)' })
    .option('iterations', { alias: 'n', type: 'number', default: 10, describe: 'timed runs (and as many profiled runs)' })
    .option('warmup', { type: 'number', default: 2, describe: 'untimed runs first' })
    .option('method', { type: 'string', describe: 'the method to benchmark (default forward)' })
    .option('inputs', { type: 'string', describe: 'folder with 0.bin, 1.bin, ... (default: every input zeros)' })
    .option('outputs', { type: 'string', describe: 'also run once more and write the outputs to this folder' })
    .option('json', { type: 'boolean', default: false, describe: 'print one JSON document instead of the table' })
    .option('timeout', { type: 'number', default: 120, describe: 'seconds the whole benchmark may take' })
    .option('data', { type: 'string', describe: '.ptd file with the program\'s external tensors (with MODEL)' }),
  async run(args, io) {
    const report = progress(io, args);
    const connection = connectionOf(args.qemu, args.port, args.baud);
    for (const [name, value, least] of [['--iterations', args.iterations, 1], ['--warmup', args.warmup, 0]] as const) {
      if (!Number.isInteger(value) || value < least) {
        throw new EtbError('ETB1001', `${name} must be a whole number of at least ${least}, not ${value}`);
      }
    }
    if (!(args.timeout > 0)) throw new EtbError('ETB1001', `--timeout must be a positive number of seconds, not ${args.timeout}`);

    let dir: string;
    if (args.model !== undefined) {
      const outcome = await build({
        modelPath: args.model,
        board: args.board,
        outDir: args.dir ?? defaultBuildDir(args.model, args.board),
        mode: 'bench',
        ...(args.data === undefined ? {} : { dataPath: args.data }),
        ...(args.method === undefined ? {} : { methods: [args.method] }),
        onEvent: report.event,
      });
      dir = outcome.dir;
    } else {
      dir = args.dir ?? lastBuildDir();
    }

    if (args.inputs === undefined) report.event({ kind: 'note', text: 'no --inputs given: every input is zeros' });
    report.event({
      kind: 'stage',
      verb: 'Benchmarking',
      detail: `${dir} ${connection.kind === 'qemu' ? 'in QEMU through a pty' : `on ${connection.port}`} (${args.warmup} warm-up, ${args.iterations} timed)`,
    });
    const result = await benchBuild({
      buildDir: dir,
      connection,
      warmup: args.warmup,
      iterations: args.iterations,
      timeoutMs: args.timeout * 1000,
      collectOutputs: args.outputs !== undefined,
      ...(args.method === undefined ? {} : { method: args.method }),
      ...(args.inputs === undefined ? {} : { inputsDir: args.inputs }),
      ...(args.verbose ? { onLine: (line: string) => io.stderr(`${line}\n`) } : {}),
    });
    if (args.outputs !== undefined && result.outputs !== null) {
      mkdirSync(args.outputs, { recursive: true });
      result.outputs.forEach((bytes, i) => writeFileSync(join(args.outputs!, `${i}.bin`), bytes));
    }
    io.stdout(args.json ? renderBenchJson(result.report) : renderBenchTable(result.report));
    report.finished(`${result.report.iterations} timed run(s), saved in ${result.file}`);
  },
});

function connectionOf(qemu: boolean, port: string | undefined, baud: number | undefined): BenchConnection {
  if (qemu === (port !== undefined)) {
    throw new EtbError(BENCH_ERROR_CODES.noTarget, qemu ? 'give either --qemu or -p PORT, not both' : 'say where to benchmark: --qemu, or -p PORT for a board', {
      hints: ['etbuild bench MODEL.pte -b stm32f4 --qemu', 'etbuild bench -d build/MODEL-BOARD -p /dev/ttyACM0'],
    });
  }
  if (port === undefined) return { kind: 'qemu' };
  return baud === undefined ? { kind: 'serial', port } : { kind: 'serial', port, baud };
}
