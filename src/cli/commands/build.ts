// `etbuild [build] MODEL -b BOARD [-o DIR]`: the main job. Reads the program, selects the kernels it
// uses, generates its C with static memory plans and builds it for the board.
import { basename } from 'node:path';
import { build } from '../../pipeline.js';
import { defineCommand } from '../command.js';
import { progress } from '../progress.js';

export function defaultBuildDir(model: string, board: string): string {
  const boardName = basename(board).replace(/\.json$/, '');
  return `build/${basename(model).replace(/\.(b?pte)$/i, '')}-${boardName}`;
}

export const buildCommand = defineCommand({
  command: ['build <model>', '$0 <model>'],
  describe: 'Build firmware (or a host runner) for MODEL.pte',
  builder: (y) => y
    .positional('model', { type: 'string', demandOption: true, describe: 'the .pte (or .bpte) program' })
    .option('board', { alias: 'b', type: 'string', default: 'stm32f4', describe: 'board id (`etbuild boards`) or a board .json file' })
    .option('out', { alias: 'o', type: 'string', describe: 'build folder (default build/<model>-<board>)' })
    .option('data', { type: 'string', describe: '.ptd file with the program\'s external tensors' })
    .option('method', { type: 'string', array: true, describe: 'build only these methods (default: all)' })
    .option('backend', { choices: ['gcc', 'zephyr'] as const, default: 'gcc' as const, describe: 'gcc: etbuild\'s own startup and drivers; zephyr: a Zephyr application (west build)' })
    .option('stack-size', { type: 'number', describe: 'a fixed stack in bytes (default: the firmware\'s worst case, computed at build time, plus a margin)' }),
  async run(args, io) {
    const report = progress(io, args);
    const outDir = args.out ?? defaultBuildDir(args.model, args.board);
    const result = await build({
      modelPath: args.model,
      board: args.board,
      outDir,
      ...(args.data === undefined ? {} : { dataPath: args.data }),
      ...(args.method === undefined ? {} : { methods: args.method }),
      backend: args.backend,
      ...(args['stack-size'] === undefined ? {} : { stackSize: args['stack-size'] }),
      onEvent: report.event,
    });
    if (!args.quiet) for (const line of result.summary) io.stderr(`${line}\n`);
    report.finished(`${result.dir}`);
  },
});
