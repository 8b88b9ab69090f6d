// `etbuild flash [-d DIR] -p PORT [-r RUNNER] [--baud N] [--no-verify] [--mass-erase]`: puts a
// build on the board with the board's flash runner (by default the first it declares) and proves
// it by reading it back, unless --no-verify is asked for (and then says so).
import { join } from 'node:path';
import { EtbError } from '../../core/errors.js';
import { createFlashProgressWriter } from '../../device/progress.js';
import { runFlashRunner } from '../../device/runners/flash-runners.js';
import { readManifest } from '../../toolchain/manifest.js';
import { defineCommand } from '../command.js';
import { progress } from '../progress.js';
import { lastBuildDir } from './last-build.js';

export const flashCommand = defineCommand({
  command: 'flash',
  describe: 'Flash the last build (or -d DIR) onto a board and verify it',
  builder: (y) => y
    .option('dir', { alias: 'd', type: 'string', describe: 'build folder (default: the most recent under build/)' })
    .option('port', { alias: 'p', type: 'string', describe: 'serial port, e.g. /dev/ttyACM0' })
    .option('runner', { alias: 'r', type: 'string', describe: 'flash runner of the board (default: its first)' })
    .option('baud', { type: 'number', describe: 'baud rate for the bootloader' })
    .option('verify', { type: 'boolean', default: true, describe: 'read the flash back and compare (--no-verify to skip)' })
    .option('mass-erase', { type: 'boolean', default: false, describe: 'erase the whole flash instead of the sectors the image covers' }),
  async run(args, io) {
    const report = progress(io, args);
    const dir = args.dir ?? lastBuildDir();
    const manifest = readManifest(dir);
    const runners = manifest.board.runners;
    const runner = args.runner === undefined ? runners[0] : runners.find((r) => r.name === args.runner);
    if (!runner) {
      throw new EtbError('ETB1207', args.runner === undefined
        ? `board ${manifest.board.id} declares no flash runner`
        : `board ${manifest.board.id} has no flash runner named ${args.runner}`, {
        hints: [runners.length ? `runners of this board: ${runners.map((r) => r.name).join(', ')}` : 'add a "runners" entry to the board file'],
      });
    }
    const { elf, bin, hex } = manifest.artefacts;
    const flash = manifest.board.memory.find((m) => m.name === manifest.board.placement?.code);
    report.event({ kind: 'stage', verb: 'Flashing', detail: `${dir} with ${runner.name}${args.port ? ` on ${args.port}` : ''}` });
    // A pseudo-terminal (an emulator or a simulator) drops parity bits: talk 8N1 there.
    const onPty = args.port?.startsWith('/dev/pts/') === true;
    const outcome = await runFlashRunner(onPty ? { ...runner, parity: 'none' } : runner, {
      artefacts: {
        ...(elf ? { elf: join(dir, elf) } : {}),
        ...(bin ? { bin: join(dir, bin) } : {}),
        ...(hex ? { hex: join(dir, hex) } : {}),
      },
      ...(args.port === undefined ? {} : { port: args.port }),
      ...(args.baud === undefined ? {} : { baud: args.baud }),
      verify: args.verify,
      massErase: args['mass-erase'],
      ...(flash ? { flashLength: flash.length } : {}),
      onEvent: createFlashProgressWriter(process.stderr),
      onOutput: (line) => { if (args.verbose) io.stderr(`${line}\n`); },
    });
    if (outcome.verifiedBy) report.finished(`flashed and verified by ${outcome.verifiedBy}`);
    else report.finished('flashed WITHOUT verification (--no-verify)');
  },
});
