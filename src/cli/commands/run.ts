// `etbuild run [MODEL -b BOARD | -d DIR] [--qemu] --inputs DIR --outputs DIR [--method NAME]`:
// builds (unless -d names a build folder) and runs one method on raw input files, writing raw
// output files in the same format: natively for the host board, in QEMU for an emulated board.
// A .bpte without --inputs runs its own test cases.
import { join } from 'node:path';
import { EtbError } from '../../core/errors.js';
import { loadModel, build, hostExecutor, qemuExecutor, readInputFiles, runBundledCases, writeOutputFiles, type Executor } from '../../pipeline.js';
import { readManifest } from '../../toolchain/manifest.js';
import { defineCommand } from '../command.js';
import { progress } from '../progress.js';
import { defaultBuildDir } from './build.js';

export const runCommand = defineCommand({
  command: 'run [model]',
  describe: 'Build MODEL and run a method on inputs (natively for --board host, in QEMU for emulated boards)',
  builder: (y) => y
    .positional('model', { type: 'string', describe: 'the .pte (or .bpte) program' })
    .option('board', { alias: 'b', type: 'string', default: 'stm32f4', describe: 'board id or board .json file' })
    .option('dir', { alias: 'd', type: 'string', describe: 'build folder: with MODEL, where to build; alone, an existing build to run' })
    .option('qemu', { type: 'boolean', default: false, describe: 'run the firmware in QEMU (the default for boards QEMU emulates)' })
    .option('inputs', { type: 'string', describe: 'folder with 0.bin, 1.bin, ... (raw little-endian, memory order)' })
    .option('outputs', { type: 'string', describe: 'folder to write 0.bin, 1.bin, ... to (default <build>/outputs)' })
    .option('method', { type: 'string', default: 'forward', describe: 'the method to run' })
    .option('data', { type: 'string', describe: '.ptd file with the program\'s external tensors' }),
  async run(args, io) {
    const report = progress(io, args);
    let dir: string;
    let bundled = null;
    if (args.model === undefined) {
      if (args.dir === undefined) {
        throw new EtbError('ETB1205', 'give a MODEL to build and run, or -d with a build folder', {
          hints: ['etbuild run model.pte --board stm32f4 --inputs in/ --outputs out/'],
        });
      }
      dir = args.dir;
    } else {
      const outcome = await build({
        modelPath: args.model,
        board: args.board,
        outDir: args.dir ?? defaultBuildDir(args.model, args.board),
        ...(args.data === undefined ? {} : { dataPath: args.data }),
        onEvent: report.event,
      });
      dir = outcome.dir;
      bundled = outcome.model.bundled;
      if (!args.quiet) for (const line of outcome.summary) io.stderr(`${line}\n`);
    }
    const manifest = readManifest(dir);
    let execute: Executor;
    let where: string;
    if (manifest.artefacts.executable !== undefined) {
      execute = hostExecutor({ runner: join(dir, manifest.artefacts.executable) });
      where = 'the host';
    } else if (manifest.runner.qemuMachine !== null) {
      execute = qemuExecutor(dir);
      where = `QEMU (${manifest.runner.qemuMachine})`;
    } else {
      throw new EtbError('ETB1209', `board ${manifest.board.id} has no QEMU machine, so its firmware cannot run here`, {
        hints: ['flash it with `etbuild flash -p PORT` and benchmark it with `etbuild bench -p PORT`', 'or pick an emulated board: stm32f4, mps2-an385, mps2-an386, mps2-an500, mps2-an505, mps3-an547'],
      });
    }
    if (args.inputs === undefined) {
      if (!bundled && args.model !== undefined) bundled = (await loadModel(args.model, args.data)).bundled;
      if (!bundled) {
        throw new EtbError('ETB1206', '--inputs is required (only a .bpte brings its own test cases)', {
          hints: ['etbuild run model.pte --inputs in/ --outputs out/  (in/0.bin, in/1.bin, ...)'],
        });
      }
      const results = await runBundledCases(execute, bundled, report.event);
      const failed = results.filter((r) => r.mismatches.length > 0);
      for (const r of results) {
        io.stdout(`${r.method} case ${r.index}: ${r.mismatches.length === 0 ? 'ok' : `FAILED (${r.mismatches.join('; ')})`}\n`);
      }
      io.stdout(`${results.length - failed.length} passed, ${failed.length} failed\n`);
      if (failed.length > 0) {
        throw new EtbError('ETB2121', `${failed.length} of ${results.length} bundled test cases did not match their expected outputs`);
      }
      report.finished(`${results.length} bundled test case(s) on ${where}`);
      return;
    }
    const outputsDir = args.outputs ?? join(dir, 'outputs');
    report.event({ kind: 'stage', verb: 'Running', detail: `${args.method} on ${where}` });
    const outputs = await execute(args.method, readInputFiles(args.inputs));
    writeOutputFiles(outputsDir, outputs);
    report.finished(`${outputs.length} output(s) in ${outputsDir}`);
  },
});
