// `etbuild run [MODEL -b BOARD | -d DIR] [--qemu] --inputs DIR --outputs DIR [--method NAME]`:
// builds (unless -d names a build folder) and runs one method on raw input files, writing raw
// output files in the same format. A .bpte without --inputs runs its own test cases.
import { join } from 'node:path';
import { EtbError } from '../../core/errors.js';
import { build, runBundledCases, runHost } from '../../pipeline.js';
import { defineCommand } from '../command.js';
import { progress } from '../progress.js';
import { defaultBuildDir } from './build.js';

export const runCommand = defineCommand({
  command: 'run [model]',
  describe: 'Build MODEL and run a method on inputs (host, or QEMU with --qemu)',
  builder: (y) => y
    .positional('model', { type: 'string', describe: 'the .pte (or .bpte) program' })
    .option('board', { alias: 'b', type: 'string', default: 'host', describe: 'board id or board .json file' })
    .option('dir', { alias: 'd', type: 'string', describe: 'an existing build folder instead of MODEL' })
    .option('qemu', { type: 'boolean', default: false, describe: 'run the firmware in QEMU' })
    .option('inputs', { type: 'string', describe: 'folder with 0.bin, 1.bin, ... (raw little-endian, memory order)' })
    .option('outputs', { type: 'string', describe: 'folder to write 0.bin, 1.bin, ... to' })
    .option('method', { type: 'string', default: 'forward', describe: 'the method to run' })
    .option('data', { type: 'string', describe: '.ptd file with the program\'s external tensors' }),
  async run(args, io) {
    const report = progress(io, args);
    if (!args.model) {
      throw new EtbError('ETB1205', 'give a MODEL to run', { hints: ['etbuild run model.pte --board host --inputs in/ --outputs out/'] });
    }
    const outcome = await build({
      modelPath: args.model,
      board: args.board,
      outDir: args.dir ?? defaultBuildDir(args.model, args.board),
      ...(args.data === undefined ? {} : { dataPath: args.data }),
      onEvent: report.event,
    });
    const host = outcome.host;
    if (!host) throw new EtbError('ETB1204', `running on board ${args.board} is not available yet`, { hints: ['use --board host'] });
    if (args.inputs === undefined) {
      if (!outcome.model.bundled) {
        throw new EtbError('ETB1206', '--inputs is required (only a .bpte brings its own test cases)', {
          hints: ['etbuild run model.pte --inputs in/ --outputs out/  (in/0.bin, in/1.bin, ...)'],
        });
      }
      const results = await runBundledCases(host, outcome.model.bundled, report.event);
      const failed = results.filter((r) => r.mismatches.length > 0);
      for (const r of results) {
        io.stdout(`${r.method} case ${r.index}: ${r.mismatches.length === 0 ? 'ok' : `FAILED (${r.mismatches.join('; ')})`}\n`);
      }
      io.stdout(`${results.length - failed.length} passed, ${failed.length} failed\n`);
      if (failed.length > 0) {
        throw new EtbError('ETB2121', `${failed.length} of ${results.length} bundled test cases did not match their expected outputs`);
      }
      report.finished(`${results.length} bundled test case(s)`);
      return;
    }
    const outputs = args.outputs ?? join(outcome.dir, 'outputs');
    report.event({ kind: 'stage', verb: 'Running', detail: `${args.method} on host` });
    const result = await runHost(host, args.method, args.inputs, outputs);
    report.finished(`${result.outputs.length} output(s) in ${outputs}`);
  },
});
