// `etbuild boards` lists the boards; `etbuild boards show ID|FILE` prints one fully resolved.
import { listBoards, resolveBoard } from '../../boards/resolve.js';
import { defineCommand } from '../command.js';

export const boardsCommand = defineCommand({
  command: 'boards [action] [board]',
  describe: 'List the boards, or `boards show ID` to print one fully resolved',
  builder: (y) => y
    .positional('action', { choices: ['list', 'show'] as const, default: 'list' as const })
    .positional('board', { type: 'string', describe: 'board id or board .json file (for show)' }),
  run(args, io) {
    if (args.action === 'show') {
      io.stdout(`${JSON.stringify(resolveBoard(args.board ?? 'stm32f4'), null, 2)}\n`);
      return;
    }
    const boards = listBoards();
    const width = Math.max(...boards.map((b) => b.id.length));
    for (const b of boards) {
      io.stdout(`${b.id.padEnd(width)}  ${b.core.padEnd(14)} ${b.qemuMachine ? `qemu:${b.qemuMachine}`.padEnd(20) : ''.padEnd(20)} ${b.name}\n`);
    }
  },
});
